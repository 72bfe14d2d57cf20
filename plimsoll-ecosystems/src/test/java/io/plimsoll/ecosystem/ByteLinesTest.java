package io.plimsoll.ecosystem;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ByteLinesTest {

    private static ByteLines of(String s) {
        return new ByteLines(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitsOnNewlinesAndDropsCarriageReturns() {
        ByteLines lines = of("a\r\n\nb c\nlast");
        assertThat(lines.next()).isTrue();
        assertThat(lines.line()).isEqualTo("a");
        assertThat(lines.newlineEnded()).isTrue();
        assertThat(lines.next()).isTrue();
        assertThat(lines.isBlank()).isTrue();
        assertThat(lines.next()).isTrue();
        assertThat(lines.number()).isEqualTo(3);
        assertThat(lines.indexOf((byte) ' ', lines.start())).isEqualTo(lines.start() + 1);
        assertThat(lines.next()).isTrue();
        assertThat(lines.line()).isEqualTo("last");
        assertThat(lines.newlineEnded()).isFalse();
        assertThat(lines.next()).isFalse();
    }

    @Test
    void emptyDataHasNoLines() {
        assertThat(of("").next()).isFalse();
    }

    @Test
    void comparesAsciiIgnoringCaseOfLettersOnly() {
        ByteLines lines = of("PACKAGE Multi-Arch multi-arch Multi\rArch @ackage");
        lines.next();
        int s = lines.start();
        assertThat(lines.equalsIgnoreCase(s, s + 7, "Package")).isTrue();
        assertThat(lines.equalsIgnoreCase(s + 8, s + 18, "Multi-Arch")).isTrue();
        assertThat(lines.equalsIgnoreCase(s + 19, s + 29, "Multi-Arch")).isTrue();
        // '\r' (0x0d) and '-' (0x2d) differ only in the bit that folds case: they must not match.
        assertThat(lines.equalsIgnoreCase(s + 30, s + 40, "Multi-Arch")).isFalse();
        // '@' (0x40) folds onto '`' (0x60), not onto a letter.
        assertThat(lines.equalsIgnoreCase(s + 41, s + 48, "`ackage")).isFalse();
        assertThat(lines.equalsIgnoreCase(s, s + 6, "Package")).isFalse();
    }

    @Test
    void trimsAndDecodesUtf8() {
        ByteLines lines = of("  Timo Teräs \t");
        lines.next();
        assertThat(lines.line()).isEqualTo("Timo Teräs");
    }
}
