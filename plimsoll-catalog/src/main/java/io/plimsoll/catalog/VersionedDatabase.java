package io.plimsoll.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a package database file the way provenance needs it: every layer's version of it, so each package of the
 * final version can be tied to the layer where it first appeared.
 */
public final class VersionedDatabase {

    /** Turns one layer's version of the database into packages (without provenance). */
    @FunctionalInterface
    public interface Parser {
        List<Package> parse(FileVersion version, Consumer<String> warnings) throws CatalogException;
    }

    private VersionedDatabase() {
    }

    /** Every package any version of the database listed, each credited to the first layer that listed it. */
    private static List<Package> everyVersion(CatalogInput input, List<FileVersion> versions, Parser parser) {
        Map<String, Package> seen = new java.util.LinkedHashMap<>();
        for (FileVersion v : versions) {
            try {
                for (Package p : parser.parse(v, w -> { })) {
                    seen.putIfAbsent(p.key(), p.withProvenance(input.provenance(v.layer())));
                }
            } catch (CatalogException e) {
                // an unreadable old version has nothing to add
            }
        }
        return new ArrayList<>(seen.values());
    }

    /**
     * For package managers with one database file that may live in several places (rpm's backends and locations,
     * apk-tools 2 and 3): reads the first of {@code candidates} the image holds.
     *
     * @return the packages with provenance, and warnings; empty when the image has none of the files
     */
    public static Cataloger.Result readFirstPresent(CatalogInput input, List<String> candidates, Parser parser)
            throws CatalogException {
        List<String> present = input.paths();
        for (String path : candidates) {
            if (present.contains(path)) {
                List<String> warnings = new ArrayList<>();
                List<Package> packages = read(input, path, parser, warnings);
                return new Cataloger.Result(packages, warnings);
            }
        }
        return new Cataloger.Result(List.of(), List.of());
    }

    /**
     * @param warnings receives the final version's warnings, and a note for each earlier version that could not be
     *                 read (which only makes provenance less precise)
     * @return the final version's packages with provenance; empty when the image has no such file
     * @throws CatalogException when the final version itself is unreadable
     */
    public static List<Package> read(CatalogInput input, String path, Parser parser, List<String> warnings)
            throws CatalogException {
        List<FileVersion> versions = input.versions(path);
        if (versions.isEmpty()) {
            return List.of();
        }
        if (input.scope() == Scope.ALL_LAYERS) {
            return everyVersion(input, versions, parser);
        }
        if (!input.isLive(path, versions.get(versions.size() - 1).layer())) {
            return List.of(); // a later layer deleted the database (or put something else there)
        }
        List<Integer> layers = new ArrayList<>();
        List<Set<String>> keys = new ArrayList<>();
        List<Package> last = List.of();
        for (int i = 0; i < versions.size(); i++) {
            FileVersion v = versions.get(i);
            boolean isLast = i == versions.size() - 1;
            List<Package> packages;
            try {
                packages = parser.parse(v, isLast ? warnings::add : w -> { });
            } catch (CatalogException e) {
                if (isLast) {
                    throw e;
                }
                warnings.add(path + " as layer " + v.layer() + " wrote it is unreadable, so packages may be credited to"
                        + " a later layer (" + e.getMessage() + ")");
                continue;
            }
            layers.add(v.layer());
            Set<String> k = new HashSet<>();
            packages.forEach(p -> k.add(p.key()));
            keys.add(k);
            last = packages;
        }
        Map<String, Integer> first = FirstAppearance.of(layers, keys);
        List<Package> out = new ArrayList<>(last.size());
        for (Package p : last) {
            out.add(p.withProvenance(input.provenance(first.get(p.key()))));
        }
        return out;
    }
}
