package io.plimsoll.app;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.CatalogException;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Scope;
import io.plimsoll.catalog.SkippedPaths;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.walk.LayerWalker;
import java.util.ArrayList;
import java.util.List;

/**
 * An image's inventory with nothing matched ({@code plimsoll sbom}), and the one place the catalog is set up: every
 * registered ecosystem's catalogers over one walk.
 *
 * @param scope   the squashed image, or every layer (packages a later layer deleted are still in the image)
 * @param skipped paths no cataloger reads
 */
public record SbomService(Scope scope, SkippedPaths skipped) {

    /** Streams the opened image's layers once through every cataloger. */
    public Inventory inventory(ImageSource source, LayerWalker walker) throws ImageException, CatalogException {
        return engine(List.of()).run(source, walker);
    }

    /** The catalog engine with every ecosystem's catalogers, plus {@code extra} (a policy's content scanner). */
    CatalogEngine engine(List<Cataloger> extra) {
        List<Cataloger> catalogers = new ArrayList<>(Ecosystems.catalogers());
        catalogers.addAll(extra);
        return new CatalogEngine(Ecosystems.distroProbe(), catalogers, scope, skipped);
    }
}
