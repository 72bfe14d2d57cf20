package io.plimsoll.ecosystem.npm;

import io.plimsoll.catalog.CatalogException;
import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.CondensingCataloger;
import io.plimsoll.catalog.FileVersion;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.VersionedDatabase;
import io.plimsoll.ecosystem.DeclaredPackages;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * JavaScript packages: installed ones ({@code node_modules/…/package.json}, npm, yarn 1 and pnpm layouts alike),
 * the projects that hold them (a {@code package.json} outside node_modules, listed when it has a name and a
 * version, and marked {@code project}), and what lockfiles declare ({@code package-lock.json},
 * {@code npm-shrinkwrap.json}, {@code yarn.lock} v1 and berry, {@code pnpm-lock.yaml} v5 to v9).
 *
 * <p>A locked package that is also installed under the lockfile's directory is listed once, from its installed
 * package.json, with the lockfile's dev flag; locked packages not installed (pruned, or yarn Plug'n'Play) are listed
 * from the lockfile. Every file is read with every layer's version, so each package names the layer where it
 * first appeared. An unreadable file is a warning, never the end of the scan.
 */
public final class NpmCataloger implements CondensingCataloger {

    @Override
    public String name() {
        return "npm";
    }

    @Override
    public Predicate<String> wants() {
        return p -> NpmFile.of(p) != NpmFile.OTHER;
    }

    @Override
    public long maxFileSize() {
        return 64L << 20;
    }

    /**
     * A package.json is kept as what the cataloger reads of it: node_modules holds hundreds, parsed once while their
     * layer streams rather than after the walk, and never again from the layer cache. Lockfiles are kept whole.
     */
    @Override
    public byte[] condense(String path, byte[] content) {
        NpmFile kind = NpmFile.of(path);
        return kind == NpmFile.INSTALLED || kind == NpmFile.PROJECT ? PackageJson.condense(path, content) : content;
    }

    @Override
    public Result catalog(CatalogInput input) {
        List<String> warnings = new ArrayList<>();
        List<Package> installed = new ArrayList<>();
        List<Package> declared = new ArrayList<>();
        for (String path : input.paths()) {
            NpmFile kind = NpmFile.of(path);
            List<Package> into = kind == NpmFile.INSTALLED || kind == NpmFile.PROJECT ? installed : declared;
            try {
                into.addAll(VersionedDatabase.read(input, path, (v, warn) -> parse(input, kind, v, warn), warnings));
            } catch (CatalogException e) {
                warnings.add(e.getMessage());
            }
        }
        return new Result(DeclaredPackages.merge(installed, declared, NpmCataloger::covers), warnings);
    }

    /** An installed package stands for a locked one when it lives in the lockfile's project. */
    private static boolean covers(Package installed, Package locked) {
        String dir = DeclaredPackages.directory(locked.location());
        String at = installed.location();
        return at.startsWith(dir + "/node_modules/") || at.equals(dir + "/package.json");
    }

    private List<Package> parse(CatalogInput input, NpmFile kind, FileVersion v, Consumer<String> warn)
            throws CatalogException {
        ParseResult<NpmEntry> r;
        try {
            switch (kind) {
                case INSTALLED:
                case PROJECT:
                    r = new ParseResult<>(PackageJson.condensed(v.path(), v.content()).entry(kind == NpmFile.PROJECT)
                            .map(List::of).orElse(List.of()), List.of());
                    break;
                case PACKAGE_LOCK:
                    r = PackageLockParser.parse(v.path(), v.content());
                    break;
                case YARN_LOCK:
                    r = YarnLockParser.parse(v.path(), v.content(), project(input, v.path()));
                    break;
                case PNPM_LOCK:
                    r = PnpmLockParser.parse(v.path(), v.content());
                    break;
                default:
                    return List.of();
            }
        } catch (PackageDbException e) {
            throw new CatalogException(v.path(), e.reason(), e);
        }
        r.warnings().forEach(w -> warn.accept(w.toString()));
        List<Package> out = new ArrayList<>(r.packages().size());
        for (NpmEntry e : r.packages()) {
            try {
                out.add(e.toPackage(name(), v.path()));
            } catch (IllegalArgumentException ex) {
                warn.accept(v.path() + ": " + ex.getMessage() + ": skipped");
            }
        }
        return out;
    }

    /** The package.json beside a lockfile, as the final image has it, for its dev and production dependencies. */
    private static Optional<PackageJson> project(CatalogInput input, String lockfile) {
        String path = DeclaredPackages.directory(lockfile) + "/package.json";
        return input.squashed(path).flatMap(bytes -> {
            try {
                return Optional.of(PackageJson.condensed(path, bytes));
            } catch (PackageDbException e) {
                return Optional.empty(); // reported when the package.json itself is read
            }
        });
    }
}
