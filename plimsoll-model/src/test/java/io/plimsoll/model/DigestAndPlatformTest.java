package io.plimsoll.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestAndPlatformTest {

    @Test
    void digestParsesAndRefusesWhatItCannotVerify() {
        String hex = "a".repeat(64);
        assertThat(Digest.parse("sha256:" + hex)).isEqualTo(new Digest("sha256", hex));
        assertThat(Digest.parse("sha256:" + hex).shortHex()).isEqualTo("aaaaaaaaaaaa");
        assertThat(Digest.isValid("sha512:" + "0".repeat(128))).isTrue();
        assertThatThrownBy(() -> Digest.parse("sha256:" + "A".repeat(64))).hasMessageContaining("lowercase hex");
        assertThatThrownBy(() -> Digest.parse("sha256:abc")).hasMessageContaining("want 64");
        assertThatThrownBy(() -> Digest.parse("md5:" + "0".repeat(32))).hasMessageContaining("unsupported digest algorithm 'md5'");
        assertThatThrownBy(() -> Digest.parse("nohex")).hasMessageContaining("want algorithm:hex");
    }

    @Test
    void digestOfKnownContent() {
        assertThat(Digest.sha256Of("".getBytes(StandardCharsets.UTF_8)).toString())
                .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void platformsNormaliseAsContainerdDoes() {
        assertThat(Platform.parse("linux/aarch64").matches(Platform.parse("linux/arm64/v8"))).isTrue();
        assertThat(Platform.parse("linux/x86_64").matches(Platform.LINUX_AMD64)).isTrue();
        assertThat(Platform.parse("linux/arm").matches(Platform.parse("linux/arm/v7"))).isTrue();
        assertThat(Platform.parse("linux/arm/v6").matches(Platform.parse("linux/arm/v7"))).isFalse();
        assertThat(Platform.parse("windows/amd64").matches(Platform.LINUX_AMD64)).isFalse();
        assertThat(Platform.parse("linux/arm64/v8").toString()).isEqualTo("linux/arm64/v8");
        assertThatThrownBy(() -> Platform.parse("linux")).hasMessageContaining("want os/arch[/variant]");
        assertThatThrownBy(() -> Platform.parse("linux/amd64/")).hasMessageContaining("invalid platform");
    }
}
