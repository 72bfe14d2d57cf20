package io.plimsoll.ecosystem.dotnet;

import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Purls;
import io.plimsoll.ecosystem.ManifestFiles;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** NuGet packages from {@code *.deps.json} (published applications) and {@code packages.lock.json} (projects). */
public final class DotnetCataloger implements Cataloger {

    static final String DEPS_SUFFIX = ".deps.json";
    static final String LOCK_NAME = "packages.lock.json";

    @Override
    public String name() {
        return "dotnet";
    }

    @Override
    public Predicate<String> wants() {
        return DotnetCataloger::isWanted;
    }

    @Override
    public long maxFileSize() {
        return 64L << 20;
    }

    static boolean isWanted(String p) {
        return (p.endsWith(DEPS_SUFFIX) && p.length() > DEPS_SUFFIX.length() + 1 && p.charAt(p.length() - DEPS_SUFFIX.length() - 1) != '/')
                || p.endsWith("/" + LOCK_NAME);
    }

    @Override
    public Result catalog(CatalogInput input) {
        return ManifestFiles.readEach(input, DotnetCataloger::isWanted, (v, warn) -> {
            ParseResult<NugetPackage> r;
            try {
                r = read(v.path(), v.content());
            } catch (PackageDbException e) {
                throw ManifestFiles.unusable(e);
            }
            r.warnings().forEach(w -> warn.accept(w.toString()));
            List<Package> out = new ArrayList<>(r.packages().size());
            for (NugetPackage n : r.packages()) {
                try {
                    out.add(new Package("nuget", n.name(), n.version(), "", n.name(), n.version(), List.of(),
                            Purls.of("nuget", null, n.name(), n.version(), Map.of()), List.of(), name(), v.path(),
                            null, n.metadata()));
                } catch (IllegalArgumentException e) {
                    warn.accept(v.path() + ": " + e.getMessage());
                }
            }
            return out;
        });
    }

    static ParseResult<NugetPackage> read(String path, byte[] content) throws PackageDbException {
        return path.endsWith(DEPS_SUFFIX) ? DepsJsonParser.parse(path, content) : PackagesLockParser.parse(path, content);
    }
}
