package io.plimsoll.ecosystem.php;

import io.plimsoll.catalog.CatalogException;
import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.VersionedDatabase;
import io.plimsoll.ecosystem.DeclaredPackages;
import io.plimsoll.ecosystem.InstallTrees;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * PHP packages installed by Composer ({@code vendor/composer/installed.json}) and locked by it
 * ({@code composer.lock}). A locked package that the project's vendor directory also has installed is listed
 * once, from installed.json; development packages are kept and marked {@code dev}. Lockfiles inside a vendor
 * directory are the installed packages' own development locks and are not read.
 */
public final class ComposerCataloger implements Cataloger {

    static final String INSTALLED = "/vendor/composer/installed.json";
    static final String LOCK = "/composer.lock";

    @Override
    public String name() {
        return "composer";
    }

    @Override
    public Predicate<String> wants() {
        return ComposerCataloger::isWanted;
    }

    @Override
    public long maxFileSize() {
        return 64L << 20;
    }

    private static boolean isWanted(String p) {
        return p.endsWith(INSTALLED) || (p.endsWith(LOCK) && !p.contains("/vendor/") && !InstallTrees.contains(p));
    }

    @Override
    public Result catalog(CatalogInput input) {
        List<String> warnings = new ArrayList<>();
        List<Package> installed = new ArrayList<>();
        List<Package> locked = new ArrayList<>();
        for (String path : input.paths()) {
            boolean isInstalled = path.endsWith(INSTALLED);
            try {
                (isInstalled ? installed : locked).addAll(VersionedDatabase.read(input, path, (v, warn) -> {
                    ParseResult<ComposerPackage> r;
                    try {
                        r = isInstalled ? ComposerParser.installed(v.path(), v.content())
                                : ComposerParser.lock(v.path(), v.content());
                    } catch (PackageDbException e) {
                        throw new CatalogException(v.path(), e.reason(), e);
                    }
                    r.warnings().forEach(w -> warn.accept(w.toString()));
                    List<Package> out = new ArrayList<>();
                    for (ComposerPackage c : r.packages()) {
                        try {
                            out.add(c.toPackage(name(), v.path()));
                        } catch (IllegalArgumentException e) {
                            warn.accept(v.path() + ": " + e.getMessage() + ": skipped");
                        }
                    }
                    return out;
                }, warnings));
            } catch (CatalogException e) {
                warnings.add(e.getMessage());
            }
        }
        return new Result(DeclaredPackages.merge(installed, locked, (inst, lock) ->
                inst.location().equals(DeclaredPackages.directory(lock.location()) + INSTALLED)), warnings);
    }
}
