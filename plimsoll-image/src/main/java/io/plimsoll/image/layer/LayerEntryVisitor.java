package io.plimsoll.image.layer;

import java.io.IOException;
import java.io.InputStream;

/** Receives a layer's entries in archive order, each once. */
@FunctionalInterface
public interface LayerEntryVisitor {

    /**
     * @param content the entry's bytes for regular, non-sparse files (an empty stream otherwise); valid only
     *                during this call, and need not be read to the end; closing it is harmless
     */
    void visit(LayerEntry entry, InputStream content) throws IOException;
}
