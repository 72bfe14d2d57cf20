package io.plimsoll.ecosystem.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpooledFileTest {

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    private static byte[] readAll(ByteSource s) throws Exception {
        byte[] out = new byte[(int) s.size()];
        // odd-sized reads at odd offsets, as a parser does
        for (int off = 0; off < out.length; off += 1000) {
            s.read(off, out, off, Math.min(1000, out.length - off));
        }
        return out;
    }

    @Test
    void smallFilesStayInMemoryLargeOnesGoToATemporaryFileThatCloseDeletes() throws Exception {
        byte[] content = random(300_000);
        BinaryLimits limits = new BinaryLimits(1 << 20, 100_000, 1 << 20);
        byte[] head = java.util.Arrays.copyOf(content, 4);
        try (SpooledFile small = SpooledFile.spool(head, new ByteArrayInputStream(content, 4, 50_000), 50_004, limits)) {
            assertThat(small.onDisk()).isFalse();
            assertThat(small.size()).isEqualTo(50_004);
        }
        SpooledFile big = SpooledFile.spool(head, new ByteArrayInputStream(content, 4, content.length), content.length,
                limits);
        assertThat(big.onDisk()).isTrue();
        assertThat(readAll(big)).isEqualTo(content);
        java.nio.file.Path tmp = tempFileOf(big);
        assertThat(tmp).exists();
        big.close();
        assertThat(tmp).doesNotExist();
    }

    @Test
    void readsNoMoreThanDeclaredAndToleratesShortStreams() throws Exception {
        byte[] content = random(1000);
        BinaryLimits disk = new BinaryLimits(1 << 20, 10, 1 << 20);
        ByteArrayInputStream in = new ByteArrayInputStream(content, 4, content.length);
        try (SpooledFile f = SpooledFile.spool(new byte[] {1, 2, 3, 4}, in, 500, disk)) {
            assertThat(f.size()).isEqualTo(500);
            assertThat(in.available()).isEqualTo(1000 - 500); // the rest stays in the stream
        }
        try (SpooledFile f = SpooledFile.spool(new byte[] {1, 2, 3, 4}, new ByteArrayInputStream(new byte[10]), 5000,
                disk)) {
            assertThat(f.size()).isEqualTo(14);
            byte[] beyond = new byte[4];
            assertThat(f.read(14, beyond, 0, 4)).isZero();
        }
    }

    private static java.nio.file.Path tempFileOf(SpooledFile f) throws Exception {
        var field = SpooledFile.class.getDeclaredField("path");
        field.setAccessible(true);
        return (java.nio.file.Path) field.get(f);
    }
}
