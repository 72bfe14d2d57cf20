package io.plimsoll.app;

import io.plimsoll.catalog.CatalogException;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Scope;
import io.plimsoll.catalog.SkippedPaths;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.walk.LayerWalker;

/**
 * An image's inventory with nothing matched ({@code plimsoll sbom}): every registered ecosystem's catalogers over
 * one walk, through {@link IndexService}.
 *
 * @param scope   the squashed image, or every layer (packages a later layer deleted are still in the image)
 * @param skipped paths no cataloger reads
 */
public record SbomService(Scope scope, SkippedPaths skipped) {

    /**
     * Streams the opened image's layers once through every cataloger, or takes the whole catalog the walker's memo
     * kept for this image (an sbom reads no file tree).
     */
    public Inventory inventory(ImageSource source, LayerWalker walker) throws ImageException, CatalogException {
        return IndexService.of(scope, skipped).packages(source, walker);
    }
}
