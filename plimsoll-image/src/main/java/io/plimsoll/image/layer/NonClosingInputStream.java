package io.plimsoll.image.layer;

import java.io.FilterInputStream;
import java.io.InputStream;

/** Hands a consumer the current entry's bytes without letting it close the layer stream under them. */
final class NonClosingInputStream extends FilterInputStream {

    NonClosingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public void close() {
        // the layer stream belongs to the reader
    }
}
