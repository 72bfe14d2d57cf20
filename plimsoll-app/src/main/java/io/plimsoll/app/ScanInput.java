package io.plimsoll.app;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.walk.LayerWalker;

/** What a scan reads: an image the front end has opened, or an inventory read from an SBOM. */
public sealed interface ScanInput {

    /** An opened image and the walker to stream its layers with; the front end closes the source afterwards. */
    record OpenedImage(ImageSource source, LayerWalker walker) implements ScanInput {
    }

    /** An SBOM's packages: no files, so the policy's file and secret gates see none (the report notes it). */
    record Sbom(Inventory inventory) implements ScanInput {
    }
}
