package io.plimsoll.server.index;

import io.plimsoll.image.walk.LayerCacheCodec;
import io.plimsoll.image.walk.LayerMemo;
import io.plimsoll.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A layer's recording as the {@code layer_index.data} bytes: the CLI layer cache's format ({@link LayerCacheCodec},
 * with its length and checksum checks), gzipped, since a row's paths repeat and the database keeps every layer.
 */
final class LayerRecordCodec {

    /**
     * Part of the index state, so rows of another format are simply not found. 1 was an encoding of the server's
     * own; since then it follows the shared codec's format.
     */
    static final int FORMAT = 1000 + LayerCacheCodec.FORMAT;
    /** The analyzer set a row is checked against: the index state already names the server's analyzers. */
    private static final String ANALYZERS = "layer_index";

    private LayerRecordCodec() {
    }

    static byte[] encode(Digest layer, LayerMemo.Recorded r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
            LayerCacheCodec.write(layer, ANALYZERS, r, out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a layer recording", e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /** The recording of {@code layer}; an IOException when the bytes are not one (or are another layer's). */
    static LayerMemo.Recorded decode(Digest layer, byte[] data) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 1 << 16)) {
            return LayerCacheCodec.read(layer, ANALYZERS, in);
        }
    }
}
