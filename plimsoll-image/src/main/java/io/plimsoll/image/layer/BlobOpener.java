package io.plimsoll.image.layer;

import java.io.IOException;
import java.io.InputStream;

/** Opens a blob's bytes afresh, each call from the start. */
@FunctionalInterface
public interface BlobOpener {
    InputStream open() throws IOException;
}
