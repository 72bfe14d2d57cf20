package io.plimsoll.catalog;

import io.plimsoll.image.Image;
import io.plimsoll.image.Layer;
import io.plimsoll.image.walk.Learnt;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Distro;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalogers' results over one stack of layers, as a layer memo keeps them ({@code LayerMemo.recallStack}): a
 * re-scan of an image replays its layers for the file tree, then takes the packages from here instead of parsing
 * dpkg's database, every package.json and every jar's metadata again.
 *
 * <p>The key names everything the results follow from: the image's config (its layers' history, which provenance
 * quotes) and each layer's digest, the catalogers in order, the distro probe, the scope, the skipped paths, the
 * walker's limits (they decide which files are collected) and the process's parser settings. The memo's owner adds
 * the analyzers' build (the CLI's cache keeps each build's entries apart). An image whose config or layers have no
 * digest (a root filesystem) gets no key. Streaming catalogers are not kept: what they hold comes from the walk
 * itself (a secret scanner's findings), so they run on every walk.
 */
final class CatalogStack {

    /** Bump when what is written changes or a cataloger's results change within one build. */
    private static final int FORMAT = 1;

    private CatalogStack() {
    }

    /** What an entry holds: the kept catalogers' results, or the whole catalog ({@link Whole}). */
    enum Kind { RESULTS, WHOLE }

    static Optional<Digest> key(Kind kind, Image image, DistroProbe probe, List<Cataloger> catalogers, Scope scope,
                                SkippedPaths skipped, Object walkLimits, String settings) {
        Optional<Digest> config = image.configDigest();
        if (config.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("plimsoll-catalog-stack/").append(FORMAT).append('\n');
        sb.append("kind ").append(kind).append('\n');
        sb.append("config ").append(config.get()).append('\n');
        for (Layer l : image.layers()) {
            if (l.digest().isEmpty()) {
                return Optional.empty();
            }
            // the same digest twice is read once and stacked twice, which the digests themselves say
            sb.append("layer ").append(l.index()).append(' ').append(l.digest().get()).append('\n');
        }
        sb.append("probe ").append(probe.getClass().getName()).append('\n');
        for (Cataloger c : catalogers) {
            sb.append("cataloger ").append(c.getClass().getName()).append(' ').append(c.name()).append(' ')
                    .append(c.maxFileSize()).append(c instanceof StreamingCataloger ? " streaming" : "")
                    .append('\n');
        }
        sb.append("scope ").append(scope).append('\n');
        sb.append("skipped ").append(skipped).append('\n');
        sb.append("limits ").append(walkLimits).append('\n');
        sb.append("settings ").append(settings).append('\n');
        return Optional.of(Digest.sha256Of(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether a cataloger's result is kept: a streaming one's is made from the walk each time. */
    static boolean kept(Cataloger c) {
        return !(c instanceof StreamingCataloger);
    }

    /** The kept catalogers' results, in the catalogers' order. */
    static byte[] write(List<Cataloger.Result> kept) {
        Learnt.Writer w = new Learnt.Writer();
        w.integer(kept.size());
        for (Cataloger.Result r : kept) {
            writePackages(w, r.packages());
            w.strings(r.warnings());
        }
        return w.toBytes();
    }

    /** What {@link #write} wrote, for {@code expected} catalogers; an {@link IOException} when it does not read so. */
    static List<Cataloger.Result> read(byte[] made, int expected) throws IOException {
        try {
            return readResults(new Learnt.Reader(made), expected);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("a kept package does not read: " + e.getMessage(), e);
        }
    }

    /**
     * The whole catalog of a stack: the distro, the packages in their final order and the warnings the walk and the
     * catalogers gave (the image's own are the opened image's to say), for callers that read nothing else.
     */
    record Whole(Optional<Distro> distro, List<Package> packages, List<String> warnings) {
    }

    static byte[] write(Whole whole) {
        Learnt.Writer w = new Learnt.Writer();
        w.integer(whole.distro().isPresent() ? 1 : 0);
        whole.distro().ifPresent(d -> w.string(d.id()).string(d.versionId()).string(d.codename())
                .string(d.prettyName()).string(d.cpe()).strings(d.idLike()));
        writePackages(w, whole.packages());
        w.strings(whole.warnings());
        return w.toBytes();
    }

    static Whole readWhole(byte[] made) throws IOException {
        try {
            Learnt.Reader r = new Learnt.Reader(made);
            Optional<Distro> distro = r.integer() == 0 ? Optional.empty() : Optional.of(new Distro(r.string(),
                    r.string(), r.string(), r.string(), r.string(), r.strings()));
            Whole whole = new Whole(distro, readPackages(r), r.strings());
            r.end();
            return whole;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("a kept catalog does not read: " + e.getMessage(), e);
        }
    }

    /** Packages with their provenance, which {@link Package#write} leaves to the replaying walk. */
    private static void writePackages(Learnt.Writer w, List<Package> packages) {
        w.integer(packages.size());
        for (Package p : packages) {
            p.write(w);
            Provenance prov = p.provenance();
            w.integer(prov == null ? 0 : 1);
            if (prov != null) {
                w.integer(prov.layer());
                w.nullable(prov.layerDigest().map(Digest::toString).orElse(null));
                w.nullable(prov.createdBy().orElse(null));
            }
        }
    }

    private static List<Package> readPackages(Learnt.Reader r) throws IOException {
        int n = r.count();
        List<Package> packages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Package p = Package.read(r);
            if (r.integer() != 0) {
                int layer = r.integer();
                Optional<Digest> digest = Optional.ofNullable(r.nullable()).map(Digest::parse);
                p = p.withProvenance(new Provenance(layer, digest, Optional.ofNullable(r.nullable())));
            }
            packages.add(p);
        }
        return packages;
    }

    private static List<Cataloger.Result> readResults(Learnt.Reader r, int expected) throws IOException {
        int results = r.count();
        if (results != expected) {
            throw new IOException(results + " catalogers' results kept, " + expected + " expected");
        }
        List<Cataloger.Result> out = new ArrayList<>(results);
        for (int i = 0; i < results; i++) {
            out.add(new Cataloger.Result(readPackages(r), r.strings()));
        }
        r.end();
        return out;
    }
}
