package io.plimsoll.image.layer;

import java.io.OutputStream;

/** Discards bytes; used to read a blob to its end so its digest covers all of it. */
final class OutputStreamSink extends OutputStream {

    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {
    }

    @Override
    public void write(byte[] b, int off, int len) {
    }
}
