package io.plimsoll.policy.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void masksKeepAtMostFourCharactersEachSide() {
        assertThat(Secrets.mask("AKIAIOSFODNN7EXAMPLE")).isEqualTo("AKIA************MPLE");
        assertThat(Secrets.mask("hunter2hunt")).isEqualTo("hu*******nt");
        assertThat(Secrets.mask("abc")).isEqualTo("***");
        assertThat(Secrets.mask("a".repeat(500))).isEqualTo("aaaa" + "*".repeat(Secrets.MAX_STARS) + "aaaa");
    }

    @Test
    void entropyInBitsPerCharacter() {
        assertThat(Secrets.entropy("aaaaaaaa")).isZero();
        assertThat(Secrets.entropy("abababab")).isEqualTo(1.0);
        assertThat(Secrets.entropy("0123456789abcdef")).isEqualTo(4.0);
        assertThat(Secrets.entropy("")).isZero();
    }

    @Test
    void binaryMeansNulOrNotUtf8InTheHead() {
        byte[] text = "grüße, 世界 — ok\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Secrets.isBinary(text, text.length)).isFalse();
        assertThat(Secrets.isBinary(new byte[] {'a', 0, 'b'}, 3)).isTrue();
        byte[] latin1 = "grüße".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Secrets.isBinary(latin1, latin1.length)).isTrue();
        assertThat(Secrets.isBinary(new byte[] {(byte) 0x7f, 'E', 'L', 'F'}, 4)).isFalse(); // only the NUL tells
        byte[] elf = {(byte) 0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        assertThat(Secrets.isBinary(elf, elf.length)).isTrue();
        // a character cut by the end of the sample is not held against a long file
        byte[] big = new byte[Secrets.SNIFF_BYTES + 10];
        java.util.Arrays.fill(big, (byte) 'x');
        big[Secrets.SNIFF_BYTES - 1] = (byte) 0xe2;
        big[Secrets.SNIFF_BYTES] = (byte) 0x80;
        big[Secrets.SNIFF_BYTES + 1] = (byte) 0x94;
        assertThat(Secrets.isBinary(big, big.length)).isFalse();
        // but a file that ends inside a character is not UTF-8
        assertThat(Secrets.isBinary(new byte[] {'a', (byte) 0xe2, (byte) 0x80}, 3)).isTrue();
    }
}
