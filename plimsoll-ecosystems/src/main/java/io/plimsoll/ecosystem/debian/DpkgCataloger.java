package io.plimsoll.ecosystem.debian;

import io.plimsoll.catalog.CatalogException;
import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.CondensingCataloger;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Purls;
import io.plimsoll.catalog.VersionedDatabase;
import io.plimsoll.ecosystem.DamagedDatabase;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.image.walk.Learnt;
import io.plimsoll.model.Distro;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Installed Debian and Ubuntu packages: {@code /var/lib/dpkg/status}, or one file per package under
 * {@code /var/lib/dpkg/status.d/} in distroless images, with owned files from {@code info/NAME.list}.
 */
public final class DpkgCataloger implements CondensingCataloger {

    private static final String INFO_PREFIX = DpkgInfoParser.INFO_DIR + "/";
    private static final String DOC_PREFIX = "/usr/share/doc/";

    @Override
    public String name() {
        return "dpkg";
    }

    @Override
    public Predicate<String> wants() {
        return p -> p.equals(DpkgStatusParser.STATUS_FILE) || isStatusDEntry(p)
                || (p.startsWith(INFO_PREFIX) && (p.endsWith(".list") || p.endsWith(".md5sums") || p.endsWith(".conffiles")))
                || (p.startsWith(DpkgStatusParser.STATUS_D_DIR + "/") && p.endsWith(".md5sums"))
                || isCopyright(p);
    }

    /**
     * A copyright file is kept as the licenses it names: reading them (regexes over a file that may be long) is done
     * once, while the layer streams, and the layer cache keeps the few names rather than the file.
     */
    @Override
    public byte[] condense(String path, byte[] content) {
        if (!isCopyright(path)) {
            return content;
        }
        return new Learnt.Writer().strings(DebianCopyright.licenses(content)).toBytes();
    }

    private static boolean isCopyright(String p) {
        return p.startsWith(DOC_PREFIX) && p.endsWith("/copyright") && p.indexOf('/', DOC_PREFIX.length()) == p.length() - 10;
    }

    private static List<String> licenses(byte[] condensed) {
        try {
            Learnt.Reader r = new Learnt.Reader(condensed);
            List<String> licenses = r.strings();
            r.end();
            return licenses;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a copyright file's licenses as condense() wrote them", e);
        }
    }

    @Override
    public Result catalog(CatalogInput input) throws CatalogException {
        List<String> warnings = new ArrayList<>();
        List<Package> out = new ArrayList<>();
        List<String> present = input.paths();
        for (String path : present) {
            if (path.equals(DpkgStatusParser.STATUS_FILE) || isStatusDEntry(path)) {
                try {
                    out.addAll(VersionedDatabase.read(input, path, (v, warn) -> parse(input, v.path(), v.content(), warn),
                            warnings));
                } catch (CatalogException e) {
                    // neither a damaged status file nor one unreadable distroless entry may end the scan
                    warnings.add(DamagedDatabase.warning(name(), e));
                }
            }
        }
        return new Result(out, warnings);
    }

    /** A distroless entry directly in the image's own /var/lib/dpkg/status.d (not any folder of that name). */
    private static boolean isStatusDEntry(String p) {
        String dir = DpkgStatusParser.STATUS_D_DIR + "/";
        return p.startsWith(dir) && p.indexOf('/', dir.length()) < 0 && DpkgStatusParser.isStatusDEntry(p);
    }

    private List<Package> parse(CatalogInput input, String path, byte[] content, java.util.function.Consumer<String> warn)
            throws CatalogException {
        ParseResult<DpkgPackage> r;
        try {
            r = DpkgStatusParser.parse(path, content);
        } catch (PackageDbException e) {
            throw new CatalogException(path, e.reason(), e);
        }
        r.warnings().forEach(w -> warn.accept(w.toString()));
        List<Package> out = new ArrayList<>(r.packages().size());
        // the info lists have no limit of their own: each path costs ~60 bytes of heap however short its line
        int max = io.plimsoll.ecosystem.CatalogLimits.current().maxOwnedFiles();
        int[] left = {max};
        for (DpkgPackage d : r.packages()) {
            List<String> licenses = input.squashed(DOC_PREFIX + d.name() + "/copyright")
                    .map(DpkgCataloger::licenses).orElse(List.of());
            List<String> files = left[0] > 0 ? ownedFiles(input, d, path, (int) Math.min(Integer.MAX_VALUE, left[0] + 1L))
                    : List.<String>of();
            if (files.size() > left[0]) {
                warn.accept(path + ": more than " + max + " files owned by the packages of one database (at "
                        + d.name() + "): the rest are not listed");
                files = files.subList(0, left[0]);
            }
            left[0] -= files.size();
            out.add(toPackage(d, path, input.distro(), files, licenses));
        }
        return out;
    }

    /**
     * The paths a package owns: its info {@code .list} when there is one (it is complete); otherwise what its
     * {@code .md5sums} and {@code .conffiles} name (distroless images keep only md5sums, beside the status.d entry).
     */
    private static List<String> ownedFiles(CatalogInput input, DpkgPackage d, String statusPath, int max) {
        List<String> bases = new ArrayList<>();
        if (statusPath.startsWith(DpkgStatusParser.STATUS_D_DIR + "/")) {
            bases.add(DpkgStatusParser.STATUS_D_DIR + "/" + d.name());
        }
        if (!d.architecture().isEmpty()) {
            bases.add(INFO_PREFIX + d.name() + ":" + d.architecture());
        }
        bases.add(INFO_PREFIX + d.name());
        for (String base : bases) {
            List<String> list = infoFile(input, base + ".list", max);
            if (!list.isEmpty()) {
                return list;
            }
        }
        for (String base : bases) {
            List<String> sums = infoFile(input, base + ".md5sums", max);
            if (!sums.isEmpty()) {
                java.util.TreeSet<String> files = new java.util.TreeSet<>(sums);
                files.addAll(infoFile(input, base + ".conffiles", max));
                return List.copyOf(files);
            }
        }
        return List.of();
    }

    private static List<String> infoFile(CatalogInput input, String path, int max) {
        Optional<byte[]> bytes = input.squashed(path);
        if (bytes.isEmpty()) {
            return List.of();
        }
        try {
            return DpkgInfoParser.parse(path, bytes.get(), max).files().stream().map(DpkgFile::path).toList();
        } catch (PackageDbException e) {
            return List.of();
        }
    }

    private Package toPackage(DpkgPackage d, String location, Optional<Distro> distro, List<String> files,
                              List<String> licenses) {
        String namespace = distro.map(Distro::id).filter(id -> !id.isEmpty()).orElse("debian");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("arch", d.architecture());
        q.put("distro", distro.map(Ecosystems::purlQualifier).orElse(null));
        if (!d.sourceName().equals(d.name()) || !d.sourceVersion().equals(d.version())) {
            q.put("upstream", d.sourceVersion().equals(d.version()) ? d.sourceName() : d.sourceName() + "@" + d.sourceVersion());
        }
        Map<String, String> meta = new LinkedHashMap<>();
        putIf(meta, "maintainer", d.maintainer());
        putIf(meta, "multiArch", d.multiArch());
        if (d.installedSizeKib() > 0) {
            meta.put("installedSizeKiB", Long.toString(d.installedSizeKib()));
        }
        putIf(meta, "status", d.status());
        return new Package("deb", d.name(), d.version(), d.architecture(), d.sourceName(), d.sourceVersion(), licenses,
                Purls.of("deb", namespace, d.name(), d.version(), q), files, name(), location, null, meta);
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }
}
