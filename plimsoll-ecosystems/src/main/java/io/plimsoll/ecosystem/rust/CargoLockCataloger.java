package io.plimsoll.ecosystem.rust;

import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Purls;
import io.plimsoll.ecosystem.ManifestFiles;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Crates pinned by {@code Cargo.lock} files.
 *
 * <p>Workspace members and path dependencies (no {@code source}) are listed, as syft lists them, but with no PURL:
 * they are the project's own code, and {@code pkg:cargo/NAME@VERSION} would claim a crates.io identity they do not
 * have, letting an advisory for a same-named crates.io crate match them. Their metadata says {@code sourceKind=path}.
 * Crates from git are given the plain cargo PURL, as syft does; their source is in the metadata.
 */
public final class CargoLockCataloger implements Cataloger {

    static final String LOCK_NAME = "Cargo.lock";

    @Override
    public String name() {
        return "cargo-lock";
    }

    @Override
    public Predicate<String> wants() {
        return CargoLockCataloger::isWanted;
    }

    @Override
    public long maxFileSize() {
        return 64L << 20;
    }

    static boolean isWanted(String p) {
        return p.endsWith("/" + LOCK_NAME);
    }

    @Override
    public Result catalog(CatalogInput input) {
        return ManifestFiles.readEach(input, CargoLockCataloger::isWanted, (v, warn) -> {
            ParseResult<LockedCrate> r;
            try {
                r = CargoLockParser.parse(v.path(), v.content());
            } catch (PackageDbException e) {
                throw ManifestFiles.unusable(e);
            }
            r.warnings().forEach(w -> warn.accept(w.toString()));
            List<Package> out = new ArrayList<>(r.packages().size());
            for (LockedCrate c : r.packages()) {
                try {
                    out.add(toPackage(c, v.path()));
                } catch (IllegalArgumentException e) {
                    warn.accept(v.path() + ": " + e.getMessage());
                }
            }
            return out;
        });
    }

    private Package toPackage(LockedCrate c, String location) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("sourceKind", c.sourceKind());
        if (!c.local()) {
            meta.put("source", c.source());
        }
        if (!c.checksum().isEmpty()) {
            meta.put("checksum", c.checksum());
        }
        String purl = c.local() ? "" : Purls.of("cargo", null, c.name(), c.version(), Map.of());
        return new Package("cargo", c.name(), c.version(), "", c.name(), c.version(), List.of(), purl, List.of(), name(),
                location, null, meta);
    }
}
