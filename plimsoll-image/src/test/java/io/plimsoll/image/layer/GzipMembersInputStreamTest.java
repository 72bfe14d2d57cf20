package io.plimsoll.image.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class GzipMembersInputStreamTest {

    private static final byte[] DATA = data(300_000);

    @Test
    void readsWhatGzipWroteInOneOrManyReads() throws IOException {
        byte[] gz = gzip(DATA);
        assertThat(new GzipMembersInputStream(new ByteArrayInputStream(gz)).readAllBytes()).isEqualTo(DATA);
        InputStream oneByOne = new GzipMembersInputStream(new ByteArrayInputStream(gz));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b; (b = oneByOne.read()) >= 0; ) {
            out.write(b);
        }
        assertThat(out.toByteArray()).isEqualTo(DATA);
    }

    @Test
    void readsEveryMemberWhateverItsHeaderCarries() throws IOException {
        // members with a name, an extra field, a comment and a header CRC, as gzip -N, BGZF and others write them
        byte[] a = Arrays.copyOfRange(DATA, 0, 1000);
        byte[] b = Arrays.copyOfRange(DATA, 1000, DATA.length);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(member(a, 8 | 4 | 16 | 2));
        all.writeBytes(member(new byte[0], 0));
        all.writeBytes(member(b, 8));
        // a source that hands out one byte per read, as a slow network stream may, and says nothing is available
        InputStream trickle = new InputStream() {
            private final ByteArrayInputStream in = new ByteArrayInputStream(all.toByteArray());

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                return in.read(buf, off, Math.min(len, 1));
            }
        };
        assertThat(new GzipMembersInputStream(trickle).readAllBytes()).isEqualTo(DATA);
    }

    @Test
    void corruptTruncatedAndTrailingDataAreErrors() throws IOException {
        byte[] gz = gzip(DATA);
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 6] ^= 1;
        assertThatThrownBy(() -> readAll(badCrc)).isInstanceOf(ZipException.class).hasMessageContaining("CRC-32");
        byte[] badSize = gz.clone();
        badSize[gz.length - 2] ^= 1;
        assertThatThrownBy(() -> readAll(badSize)).isInstanceOf(ZipException.class).hasMessageContaining("trailer says");
        assertThatThrownBy(() -> readAll(Arrays.copyOf(gz, gz.length / 2))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> readAll(Arrays.copyOf(gz, gz.length - 3))).isInstanceOf(EOFException.class);
        byte[] garbage = Arrays.copyOf(gz, gz.length + 4);
        assertThatThrownBy(() -> readAll(garbage)).isInstanceOf(ZipException.class).hasMessageContaining("garbage");
        byte[] notDeflate = gz.clone();
        notDeflate[10] = (byte) 0xff; // the first deflate block's header: the reserved block type
        assertThatThrownBy(() -> readAll(notDeflate)).isInstanceOf(ZipException.class);
    }

    private static byte[] readAll(byte[] gz) throws IOException {
        try (InputStream in = new GzipMembersInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** One gzip member with the given header flags (FHCRC 2, FEXTRA 4, FNAME 8, FCOMMENT 16), written by hand. */
    private static byte[] member(byte[] data, int flags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 1, 2, 3, 4, 0, 3});
        if ((flags & 4) != 0) {
            out.writeBytes(new byte[] {6, 0, 'B', 'C', 2, 0, 0, 0});
        }
        if ((flags & 8) != 0) {
            out.writeBytes("layer.tar\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        if ((flags & 16) != 0) {
            out.writeBytes("a comment\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        if ((flags & 2) != 0) {
            out.writeBytes(new byte[] {0x12, 0x34});
        }
        Deflater deflater = new Deflater(6, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] buf = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLe(out, crc.getValue());
        writeIntLe(out, data.length);
        return out.toByteArray();
    }

    private static void writeIntLe(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static byte[] data(int size) {
        Random random = new Random(3);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (random.nextInt(8) == 0 ? random.nextInt(256) : 'a' + random.nextInt(6));
        }
        return out;
    }
}
