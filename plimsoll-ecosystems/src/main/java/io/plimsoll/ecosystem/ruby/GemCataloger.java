package io.plimsoll.ecosystem.ruby;

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
 * Ruby gems: installed ones from their specifications ({@code …/specifications/*.gemspec}, default gems under
 * {@code specifications/default/} included) and what Bundler locked ({@code Gemfile.lock},
 * {@code Gemfile.next.lock}, {@code gems.locked}). Bundler installs into a gem home that is not beside the
 * Gemfile.lock, so a locked gem counts as installed when any specification in the image has its name, version
 * and platform; it is then listed once, from the specification. Lockfiles inside installed gems
 * ({@code …/gems/NAME-VERSION/Gemfile.lock}) are their authors' development locks and are not read.
 */
public final class GemCataloger implements Cataloger {

    private static final String SPECIFICATIONS = "/specifications/";

    @Override
    public String name() {
        return "gem";
    }

    @Override
    public Predicate<String> wants() {
        return p -> isGemspec(p) || isLockfile(p);
    }

    @Override
    public long maxFileSize() {
        return 16L << 20;
    }

    static boolean isGemspec(String p) {
        return p.endsWith(".gemspec") && p.contains(SPECIFICATIONS);
    }

    static boolean isLockfile(String p) {
        return (p.endsWith("/Gemfile.lock") || p.endsWith("/Gemfile.next.lock") || p.endsWith("/gems.locked"))
                && !InstallTrees.contains(p);
    }

    @Override
    public Result catalog(CatalogInput input) {
        List<String> warnings = new ArrayList<>();
        List<Package> installed = new ArrayList<>();
        List<Package> locked = new ArrayList<>();
        for (String path : input.paths()) {
            boolean spec = isGemspec(path);
            try {
                (spec ? installed : locked).addAll(VersionedDatabase.read(input, path, (v, warn) -> {
                    try {
                        if (spec) {
                            return List.of(GemspecParser.parse(v.path(), v.content(), gemDir(v.path())).toPackage(name(), v.path()));
                        }
                        ParseResult<Gem> r = GemfileLockParser.parse(v.path(), v.content());
                        r.warnings().forEach(w -> warn.accept(w.toString()));
                        List<Package> out = new ArrayList<>(r.packages().size());
                        for (Gem g : r.packages()) {
                            out.add(g.toPackage(name(), v.path()));
                        }
                        return out;
                    } catch (PackageDbException e) {
                        throw new CatalogException(v.path(), e.reason(), e);
                    } catch (IllegalArgumentException e) {
                        throw new CatalogException(v.path(), e.getMessage(), e);
                    }
                }, warnings));
            } catch (CatalogException e) {
                warnings.add(e.getMessage());
            }
        }
        return new Result(DeclaredPackages.merge(installed, locked, (inst, lock) -> true), warnings);
    }

    /**
     * Where RubyGems unpacked the gem a specification describes: {@code HOME/specifications/X.gemspec} is
     * {@code HOME/gems/X}. Default gems ({@code specifications/default/}) live in Ruby's own library instead.
     */
    static String gemDir(String gemspec) {
        int slash = gemspec.lastIndexOf('/');
        String dir = gemspec.substring(0, slash + 1);
        if (!dir.endsWith(SPECIFICATIONS)) {
            return "";
        }
        String home = dir.substring(0, dir.length() - SPECIFICATIONS.length());
        String base = gemspec.substring(slash + 1, gemspec.length() - ".gemspec".length());
        return home + "/gems/" + base;
    }
}
