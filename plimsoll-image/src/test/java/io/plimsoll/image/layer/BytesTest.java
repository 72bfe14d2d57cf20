package io.plimsoll.image.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void binaryUnitsAsDockerWritesThemAndDecimalOnesAsSiDoes() {
        assertThat(Bytes.parse("1000")).isEqualTo(1000);
        assertThat(Bytes.parse("1000B")).isEqualTo(1000);
        assertThat(Bytes.parse("512M")).isEqualTo(512L << 20);
        assertThat(Bytes.parse("8MiB")).isEqualTo(8L << 20);
        assertThat(Bytes.parse("1.5GiB")).isEqualTo(3L << 29);
        assertThat(Bytes.parse("4g")).isEqualTo(4L << 30);
        assertThat(Bytes.parse("64k")).isEqualTo(64L << 10);
        assertThat(Bytes.parse("1T")).isEqualTo(1L << 40);
        assertThat(Bytes.parse("500MB")).isEqualTo(500_000_000L);
        assertThat(Bytes.parse("2 KB")).isEqualTo(2000L);
        assertThat(Bytes.parse("1GB")).isEqualTo(1_000_000_000L);
    }

    @Test
    void anythingElseIsRefusedNamingTheText() {
        for (String bad : new String[] {"", "lots", "0", "-1M", "1X", "9999999T", "B"}) {
            assertThatThrownBy(() -> Bytes.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void aKnownSizeIsReadWholeOrAsFarAsTheStreamGoes() throws Exception {
        byte[] data = new byte[200_000];
        new java.util.Random(7).nextBytes(data);
        // a stream that hands out at most 1,000 bytes a read, as an inflater does
        java.io.InputStream trickle = new java.io.FilterInputStream(new java.io.ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
        assertThat(Bytes.readKnownSize(trickle, 150_000)).isEqualTo(java.util.Arrays.copyOf(data, 150_000));
        assertThat(Bytes.readKnownSize(trickle, 100_000)).as("the stream ends first")
                .isEqualTo(java.util.Arrays.copyOfRange(data, 150_000, 200_000));
        assertThat(Bytes.readKnownSize(trickle, 10)).isEmpty();
    }
}
