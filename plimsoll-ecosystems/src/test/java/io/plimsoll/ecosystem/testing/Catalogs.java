package io.plimsoll.ecosystem.testing;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.walk.LayerWalker;
import java.nio.file.Path;
import java.util.List;

/** Runs catalogers through the real engine: over a fixture directory read in place, or over a built image. */
public final class Catalogs {

    private Catalogs() {
    }

    /** A directory read as a root filesystem ({@code dir:}); every package comes from layer 0. */
    public static Inventory scanDir(Path root, Cataloger... catalogers) throws Exception {
        return scan("dir:" + root.toAbsolutePath(), catalogers);
    }

    /** An OCI layout directory written by {@code TestImage}. */
    public static Inventory scanLayout(Path layout, Cataloger... catalogers) throws Exception {
        return scan("oci:" + layout.toAbsolutePath(), catalogers);
    }

    private static Inventory scan(String reference, Cataloger... catalogers) throws Exception {
        try (ImageSource s = ImageSources.open(ImageReferences.parse(reference), ImageOptions.DEFAULT)) {
            return new CatalogEngine(Ecosystems.distroProbe(), List.of(catalogers)).run(s, LayerWalker.defaults());
        }
    }

    /** The one package of that name (and version, when given). */
    public static Package named(Inventory inv, String name, String version) {
        List<Package> hits = inv.packages().stream()
                .filter(p -> p.name().equals(name) && (version == null || p.version().equals(version))).toList();
        if (hits.size() != 1) {
            throw new AssertionError("expected one " + name + " " + (version == null ? "" : version) + ", found "
                    + hits.size() + " among " + inv.packages().stream().map(p -> p.name() + "@" + p.version()).toList());
        }
        return hits.get(0);
    }
}
