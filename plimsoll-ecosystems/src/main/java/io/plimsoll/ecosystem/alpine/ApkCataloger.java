package io.plimsoll.ecosystem.alpine;

import io.plimsoll.catalog.CatalogException;
import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Purls;
import io.plimsoll.catalog.VersionedDatabase;
import io.plimsoll.ecosystem.DamagedDatabase;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.model.Distro;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Installed apk packages (Alpine, Wolfi, Chainguard) from the apk database. */
public final class ApkCataloger implements Cataloger {

    /** apk-tools 3 may keep its database under /usr/lib; the classic path first. */
    static final List<String> DATABASES = List.of(ApkInstalledParser.INSTALLED_FILE, "/usr/lib/apk/db/installed");

    @Override
    public String name() {
        return "apk";
    }

    @Override
    public Predicate<String> wants() {
        Set<String> set = Set.copyOf(DATABASES);
        return set::contains;
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
        return VersionedDatabase.readFirstPresent(input, DATABASES, (v, warn) -> {
            ParseResult<ApkPackage> r;
            try {
                r = ApkInstalledParser.parse(v.path(), v.content());
            } catch (PackageDbException e) {
                throw new CatalogException(v.path(), e.reason(), e);
            }
            r.warnings().forEach(w -> warn.accept(w.toString()));
            List<Package> out = new ArrayList<>();
            for (ApkPackage a : r.packages()) {
                out.add(toPackage(a, v.path(), input.distro()));
            }
            return out;
        });
    }

    private Package toPackage(ApkPackage a, String location, Optional<Distro> distro) {
        String namespace = distro.map(Distro::id).filter(id -> !id.isEmpty()).orElse("alpine");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("arch", a.arch());
        q.put("distro", distro.map(Ecosystems::purlQualifier).orElse(null));
        if (!a.origin().equals(a.name())) {
            q.put("upstream", a.origin());
        }
        Map<String, String> meta = new LinkedHashMap<>();
        if (!a.maintainer().isEmpty()) {
            meta.put("maintainer", a.maintainer());
        }
        if (!a.commit().isEmpty()) {
            meta.put("commit", a.commit());
        }
        if (a.installedSize() > 0) {
            meta.put("installedSize", Long.toString(a.installedSize()));
        }
        return new Package("apk", a.name(), a.version(), a.arch(), a.origin(), a.version(),
                a.license().isEmpty() ? List.of() : List.of(a.license()),
                Purls.of("apk", namespace, a.name(), a.version(), q),
                a.files().stream().map(ApkFile::path).toList(), name(), location, null, meta);
    }
}
