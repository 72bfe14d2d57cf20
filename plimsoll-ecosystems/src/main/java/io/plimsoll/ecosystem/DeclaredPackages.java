package io.plimsoll.ecosystem;

import io.plimsoll.catalog.Package;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Folds what lockfiles declare into what is installed. A lockfile says what a project should have; installed
 * metadata ({@code node_modules/x/package.json}, {@code vendor/composer/installed.json}, a gem's
 * {@code specifications/*.gemspec}) shows what is there. Images often hold both for the same package, and listing it
 * twice would double every finding against it. So a declared package that an installed one covers is folded into
 * it: the installed record stays (its file, licenses, layer) and gains what only the lockfile knows (dev or
 * production, which lockfile). Declared packages that nothing installed covers are kept, the lockfile being the only
 * evidence of them; two lockfiles of one directory that declare the same package give it once.
 */
public final class DeclaredPackages {

    /** Metadata key: "true" for a development-only dependency, "false" for a production one; absent when unknown. */
    public static final String DEV = "dev";
    /** Metadata key on an installed package: the lockfile that also declares it. */
    public static final String LOCKFILE = "lockfile";

    private DeclaredPackages() {
    }

    /**
     * @param covers whether an installed package (same name, version and arch) stands for a declared one; callers
     *               say which installed files belong to a lockfile's project
     * @return the installed packages, annotated, then the declared ones nothing covers, in input order
     */
    public static List<Package> merge(List<Package> installed, List<Package> declared,
                                      BiPredicate<Package, Package> covers) {
        Map<String, List<Integer>> byKey = new HashMap<>();
        for (int i = 0; i < installed.size(); i++) {
            byKey.computeIfAbsent(installed.get(i).key(), k -> new ArrayList<>()).add(i);
        }
        Map<Integer, Package> annotated = new HashMap<>();
        Map<String, Package> kept = new LinkedHashMap<>();
        for (Package d : declared) {
            boolean covered = false;
            for (int i : byKey.getOrDefault(d.key(), List.of())) {
                Package inst = annotated.getOrDefault(i, installed.get(i));
                if (covers.test(installed.get(i), d)) {
                    annotated.put(i, absorb(inst, d));
                    covered = true;
                }
            }
            if (!covered) {
                kept.merge(directory(d.location()) + "\u0000" + d.key(), d, DeclaredPackages::sameDeclared);
            }
        }
        List<Package> out = new ArrayList<>(installed.size() + kept.size());
        for (int i = 0; i < installed.size(); i++) {
            out.add(annotated.getOrDefault(i, installed.get(i)));
        }
        out.addAll(kept.values());
        return out;
    }

    /** The directory part of an absolute path ({@code /app} for {@code /app/package-lock.json}). */
    public static String directory(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }

    /** The installed package with the lockfile's dev flag (when the installed file has none) and licenses if it has none. */
    private static Package absorb(Package installed, Package declared) {
        Map<String, String> meta = new LinkedHashMap<>(installed.metadata());
        meta.putIfAbsent(LOCKFILE, declared.location());
        String dev = mergeDev(meta.get(DEV), declared.metadata().get(DEV));
        if (dev != null) {
            meta.put(DEV, dev);
        }
        List<String> licenses = installed.licenses().isEmpty() ? declared.licenses() : installed.licenses();
        return new Package(installed.type(), installed.name(), installed.version(), installed.arch(),
                installed.sourceName(), installed.sourceVersion(), licenses, installed.purl(), installed.files(),
                installed.foundBy(), installed.location(), installed.provenance(), meta);
    }

    /** One package declared twice in a directory: the first record, production if either says so. */
    private static Package sameDeclared(Package first, Package second) {
        String dev = mergeDev(first.metadata().get(DEV), second.metadata().get(DEV));
        if (dev == null || dev.equals(first.metadata().get(DEV))) {
            return first;
        }
        Map<String, String> meta = new LinkedHashMap<>(first.metadata());
        meta.put(DEV, dev);
        return new Package(first.type(), first.name(), first.version(), first.arch(), first.sourceName(),
                first.sourceVersion(), first.licenses(), first.purl(), first.files(), first.foundBy(), first.location(),
                first.provenance(), meta);
    }

    /** A package some dependent needs in production is a production package, whatever else says dev. */
    private static String mergeDev(String a, String b) {
        if ("false".equals(a) || "false".equals(b)) {
            return "false";
        }
        return a != null ? a : b;
    }
}
