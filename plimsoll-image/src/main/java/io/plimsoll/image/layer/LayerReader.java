package io.plimsoll.image.layer;

import io.plimsoll.image.ImageException;

/**
 * Reads one layer's entries as a stream. Each call reads the layer again from its source; the walker calls it
 * once per layer (a second time only for the rare hard link whose target it was not asked for).
 */
public interface LayerReader {

    /** Streams every entry to the visitor, verifying the layer's digest at the end. */
    LayerSummary read(LayerEntryVisitor visitor, ExpansionBudget budget) throws ImageException;
}
