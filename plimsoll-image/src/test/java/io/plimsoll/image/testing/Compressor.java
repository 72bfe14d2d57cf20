package io.plimsoll.image.testing;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Compresses test layers the ways real tools do. */
public enum Compressor {
    NONE, GZIP, GZIP_MULTI_MEMBER, ZSTD;

    public byte[] apply(byte[] tar) {
        return switch (this) {
            case NONE -> tar;
            case GZIP -> gzip(tar, 0, tar.length);
            case GZIP_MULTI_MEMBER -> {
                // pigz-style output: independent gzip members back to back
                int third = tar.length / 3;
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(gzip(tar, 0, third));
                out.writeBytes(gzip(tar, third, third));
                out.writeBytes(gzip(tar, 2 * third, tar.length - 2 * third));
                yield out.toByteArray();
            }
            case ZSTD -> Zstd.compress(tar, 3);
        };
    }

    public String mediaType() {
        return switch (this) {
            case NONE -> "application/vnd.oci.image.layer.v1.tar";
            case GZIP, GZIP_MULTI_MEMBER -> "application/vnd.oci.image.layer.v1.tar+gzip";
            case ZSTD -> "application/vnd.oci.image.layer.v1.tar+zstd";
        };
    }

    private static byte[] gzip(byte[] data, int off, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
