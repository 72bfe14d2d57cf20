package io.plimsoll.ecosystem.rust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CargoLockParserTest {

    static ParseResult<LockedCrate> parse(String s) throws PackageDbException {
        return CargoLockParser.parse("/Cargo.lock", s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void version1ChecksumsFromMetadata() throws Exception {
        ParseResult<LockedCrate> r = parse("""
                [[package]]
                name = "libc"
                version = "0.2.50"
                source = "registry+https://github.com/rust-lang/crates.io-index"

                [[package]]
                name = "odd"
                version = "1.0.0"
                source = "registry+https://github.com/rust-lang/crates.io-index"

                [[package]]
                name = "mine"
                version = "0.1.0"
                dependencies = [
                 "libc 0.2.50 (registry+https://github.com/rust-lang/crates.io-index)",
                ]

                [metadata]
                "checksum libc 0.2.50 (registry+https://github.com/rust-lang/crates.io-index)" = "aab692d7759f5cd8c859e169db98ae5b52c924add2af5fbbca11d12fefb567c1"
                "checksum odd 1.0.0 (registry+https://github.com/rust-lang/crates.io-index)" = "<none>"
                """);
        assertThat(r.packages()).containsExactly(
                new LockedCrate("libc", "0.2.50", "registry+https://github.com/rust-lang/crates.io-index",
                        "aab692d7759f5cd8c859e169db98ae5b52c924add2af5fbbca11d12fefb567c1"),
                new LockedCrate("odd", "1.0.0", "registry+https://github.com/rust-lang/crates.io-index", ""),
                new LockedCrate("mine", "0.1.0", "", ""));
        assertThat(r.packages().get(2).sourceKind()).isEqualTo("path");
    }

    @Test
    void version4SparseRegistryAndANewerVersionWarned() throws Exception {
        ParseResult<LockedCrate> v4 = parse("""
                version = 4
                [[package]]
                name = "serde"
                version = "1.0.219"
                source = "sparse+https://index.crates.io/"
                checksum = "5f0e2c6ed6606019b4e29e69dbaba95b11854410e5347d525002456dbbb786b6"
                """);
        assertThat(v4.packages()).singleElement().satisfies(c -> assertThat(c.sourceKind()).isEqualTo("sparse"));
        assertThat(v4.warnings()).isEmpty();
        ParseResult<LockedCrate> v5 = parse("version = 5\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\n");
        assertThat(v5.packages()).hasSize(1);
        assertThat(v5.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("version 5"));
    }

    @Test
    void incompleteEntriesAreWarnedNotFatal() throws Exception {
        ParseResult<LockedCrate> r = parse("version = 3\n[[package]]\nname = \"a\"\n\n[[package]]\nname = \"b\"\nversion = \"2\"\n");
        assertThat(r.packages()).extracting(LockedCrate::name).containsExactly("b");
        assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w.toString())
                .isEqualTo("/Cargo.lock: package 1 has no name or version"));
    }

    @Test
    void emptyLockAndNotALock() throws Exception {
        assertThat(parse("version = 3\n").packages()).isEmpty();
        assertThatThrownBy(() -> parse("[package]\nname = \"x\"\nversion = \"1\"\n"))
                .hasMessage("/Cargo.lock: not a Cargo.lock: 'package' is not an array of tables");
        assertThatThrownBy(() -> parse("[dependencies]\nserde = \"1\"\n"))
                .hasMessage("/Cargo.lock: not a Cargo.lock: no [[package]] tables");
        assertThatThrownBy(() -> parse("version = 3\n[[package]]\nname = \"a\nversion = \"1\"\n"))
                .isInstanceOf(PackageDbException.class).hasMessageStartingWith("/Cargo.lock: line 3: not TOML");
    }

    @Test
    void randomBytes() {
        for (int seed = 0; seed < 30; seed++) {
            byte[] junk = new byte[4096];
            new Random(seed).nextBytes(junk);
            assertThatThrownBy(() -> CargoLockParser.parse("/Cargo.lock", junk)).isInstanceOf(PackageDbException.class)
                    .hasMessageStartingWith("/Cargo.lock: ");
        }
    }
}
