package io.plimsoll.ecosystem;

import io.plimsoll.catalog.CatalogException;
import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.VersionedDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * For language catalogers, which find many small manifests and lockfiles anywhere in an image: each is read with
 * every layer's version (for provenance), and one unusable file is a warning naming it, never the end of the scan.
 */
public final class ManifestFiles {

    private ManifestFiles() {
    }

    /** Reads every present path that {@code primary} accepts, in path order. */
    public static Cataloger.Result readEach(CatalogInput input, Predicate<String> primary, VersionedDatabase.Parser parser) {
        List<Package> packages = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String path : input.paths()) {
            if (!primary.test(path)) {
                continue;
            }
            try {
                packages.addAll(VersionedDatabase.read(input, path, parser, warnings));
            } catch (CatalogException e) {
                warnings.add(e.getMessage());
            }
        }
        return new Cataloger.Result(packages, warnings);
    }

    /** A parser's result as the catalog stage wants it: warnings passed on, "nothing usable" as a CatalogException. */
    public static CatalogException unusable(PackageDbException e) {
        return new CatalogException(e.file(), e.reason(), e);
    }

    /** The parent directory of an absolute path ("/" for a top-level file). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** The last component of a path. */
    public static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * {@code relative} resolved against the absolute directory {@code base}, with {@code .} and {@code ..} folded
     * and never above the root (a record that climbs out of the image still names a path in it).
     */
    public static String resolve(String base, String relative) {
        String joined = relative.startsWith("/") ? relative : base + "/" + relative;
        List<String> parts = new ArrayList<>();
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }
}
