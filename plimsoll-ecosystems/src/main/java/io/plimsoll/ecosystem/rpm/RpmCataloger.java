package io.plimsoll.ecosystem.rpm;

import io.plimsoll.catalog.CatalogException;
import io.plimsoll.ecosystem.DamagedDatabase;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.VersionedDatabase;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Purls;
import io.plimsoll.model.Distro;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Installed rpm packages, from whichever rpmdb backend the image uses (SQLite, Berkeley DB or NDB) in
 * {@code /var/lib/rpm} or {@code /usr/lib/sysimage/rpm}, with the yum repository each came from where yum's
 * {@code yumdb} records it ({@link YumDb}).
 */
public final class RpmCataloger implements Cataloger {

    /** The {@link Package#metadata()} key of the MODULARITYLABEL ({@code nodejs:18:8080020230223124711:bd1311ed}). */
    public static final String MODULARITY_LABEL = "modularityLabel";

    /**
     * The {@link Package#metadata()} key of the yum repository the package was installed from ({@code amzn2-core},
     * {@code amzn2extra-docker}), where yumdb records it; also the PURL's {@code repository_id} qualifier.
     */
    public static final String REPOSITORY = "repository";

    /** In the order rpm itself prefers when an image holds leftovers of an older backend. */
    static final List<String> DATABASES = List.of(
            "/usr/lib/sysimage/rpm/rpmdb.sqlite", "/var/lib/rpm/rpmdb.sqlite",
            "/usr/lib/sysimage/rpm/Packages.db", "/var/lib/rpm/Packages.db",
            "/usr/lib/sysimage/rpm/Packages", "/var/lib/rpm/Packages");

    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public Predicate<String> wants() {
        Set<String> set = Set.copyOf(DATABASES);
        return path -> set.contains(path) || YumDb.isFromRepo(path);
    }

    @Override
    public long maxFileSize(String path) {
        return YumDb.isFromRepo(path) ? YumDb.MAX_ENTRY_BYTES : maxFileSize();
    }

    @Override
    public Result catalog(CatalogInput input) throws CatalogException {
        try {
            return read(input);
        } catch (CatalogException e) {
            return DamagedDatabase.result(name(), e);
        }
    }

    private Result read(CatalogInput input) throws CatalogException {
        Map<String, String> repositories = YumDb.repositories(input);
        return VersionedDatabase.readFirstPresent(input, DATABASES, (v, warn) -> {
            try {
                RpmDatabaseResult r = RpmDatabase.read(v.path(), v.content());
                r.warnings().forEach(warn);
                return toPackages(r.packages(), v.path(), input.distro(), repositories);
            } catch (RpmDatabaseException e) {
                throw new CatalogException(v.path(), e.reason(), e);
            }
        });
    }

    private List<Package> toPackages(List<RpmPackageHeader> headers, String location, Optional<Distro> distro,
                                     Map<String, String> repositories) {
        List<Package> out = new ArrayList<>(headers.size());
        for (RpmPackageHeader h : headers) {
            if (h.isPublicKey()) {
                continue; // gpg-pubkey entries are imported signing keys, not software
            }
            String vr = h.version() + "-" + h.release();
            String[] source = sourceOf(h.sourceRpm(), h.name(), h.evr());
            Map<String, String> q = new LinkedHashMap<>();
            q.put("arch", h.arch());
            q.put("epoch", h.epoch() == null ? null : h.epoch().toString());
            q.put("distro", distro.map(Ecosystems::purlQualifier).orElse(null));
            q.put("upstream", h.sourceRpm());
            String repository = repositories.get(YumDb.keyOf(h.name(), h.version(), h.release(), h.arch()));
            q.put("repository_id", repository);
            Map<String, String> meta = new LinkedHashMap<>();
            putIf(meta, "epoch", h.epoch() == null ? null : h.epoch().toString());
            putIf(meta, "release", h.release());
            putIf(meta, "sourceRpm", h.sourceRpm());
            putIf(meta, "vendor", h.vendor());
            putIf(meta, MODULARITY_LABEL, h.modularityLabel());
            putIf(meta, "size", h.size() == null ? null : h.size().toString());
            putIf(meta, REPOSITORY, repository);
            out.add(new Package("rpm", h.name(), h.evr(), h.arch() == null ? "" : h.arch(), source[0], source[1],
                    h.license() == null ? List.of() : List.of(h.license()),
                    Purls.of("rpm", namespace(distro), h.name(), vr, q), h.files(), name(), location, null, meta));
        }
        return out;
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }

    /** PURL namespaces as the purl-spec examples and other scanners write them. */
    static String namespace(Optional<Distro> distro) {
        return Ecosystems.purlNamespaceOf(distro.map(Distro::id).orElse(""));
    }

    /**
     * {@code bash-5.1.8-6.el9.src.rpm} → {@code bash}, {@code 5.1.8-6.el9}. The epoch is not in the file name, so the
     * binary's epoch is assumed (rpm builds every binary from the same spec, with the same epoch).
     */
    static String[] sourceOf(String sourceRpm, String name, String evr) {
        if (sourceRpm == null || sourceRpm.isEmpty()) {
            return new String[] {name, evr};
        }
        String s = sourceRpm.replaceFirst("\\.(no)?src\\.rpm$", "");
        int rel = s.lastIndexOf('-');
        int ver = rel > 0 ? s.lastIndexOf('-', rel - 1) : -1;
        if (ver <= 0) {
            return new String[] {name, evr};
        }
        int colon = evr.indexOf(':');
        String epoch = colon > 0 ? evr.substring(0, colon + 1) : "";
        return new String[] {s.substring(0, ver), epoch + s.substring(ver + 1)};
    }
}
