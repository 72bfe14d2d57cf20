package io.plimsoll.ecosystem.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Damaged, truncated and hostile input: warnings or a named failure, never a crash, and time linear in the size. */
class PythonRobustnessTest {

    static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void randomBytesInEveryLockfileReader() {
        for (PythonLockCataloger.Kind kind : PythonLockCataloger.Kind.values()) {
            for (int seed = 0; seed < 20; seed++) {
                byte[] junk = random(seed, 4096);
                try {
                    ParseResult<LockedDistribution> r = PythonLockCataloger.read(kind, "/x", junk);
                    assertThat(r.warnings().size()).isLessThanOrEqualTo(ParseWarnings.DEFAULT_LIMIT + 1);
                } catch (PackageDbException e) {
                    assertThat(e.getMessage()).startsWith("/x: ");
                }
            }
        }
    }

    @Test
    void truncatedLockfilesNameTheLine() {
        String lock = "version = 1\n\n[[package]]\nname = \"idna\"\nversion = \"3.10\"\nsource = { registry = \"https://p\" }\n"
                + "\n[[package]]\nname = \"requests\"\nversion = \"2.3";
        assertThatThrownBy(() -> UvLockParser.parse("/uv.lock", lock.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PackageDbException.class).hasMessageStartingWith("/uv.lock: line 10: not TOML");
        assertThatThrownBy(() -> PipfileLockParser.parse("/Pipfile.lock", "{\"default\": {\"a\": {\"version\": \"==1\"".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PackageDbException.class).hasMessageStartingWith("/Pipfile.lock: line 1, column 36: not valid JSON");
    }

    @Test
    void tomlThatIsNotALockfile() throws Exception {
        byte[] pyproject = "[project]\nname = \"x\"\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PoetryLockParser.parse("/poetry.lock", pyproject))
                .hasMessage("/poetry.lock: not a poetry.lock: no [[package]] tables");
        assertThatThrownBy(() -> UvLockParser.parse("/uv.lock", pyproject)).hasMessage("/uv.lock: not a uv lockfile: no version");
        // a lock of a project without dependencies is fine, and empty
        assertThat(PoetryLockParser.parse("/poetry.lock", "[metadata]\nlock-version = \"2.0\"\n".getBytes(StandardCharsets.UTF_8))
                .packages()).isEmpty();
    }

    @Test
    void newerUvLockVersionIsReadWithAWarning() throws Exception {
        String lock = "version = 2\n[[package]]\nname = \"a\"\nversion = \"1\"\n";
        ParseResult<LockedDistribution> r = UvLockParser.parse("/uv.lock", lock.getBytes(StandardCharsets.UTF_8));
        assertThat(r.packages()).hasSize(1);
        assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("version 2"));
    }

    @Test
    void coreMetadataOfBinaryGarbageIsRefusedAtLineOne() {
        byte[] junk = random(7, 2048);
        junk[0] = 'x';
        junk[1] = '\n';
        assertThatThrownBy(() -> CoreMetadataParser.parse("/m", junk, new ParseWarnings("/m")))
                .isInstanceOf(PackageDbException.class).hasMessageContaining("line 1");
    }

    @Test
    void largeInputsParseInLinearTime() {
        StringBuilder req = new StringBuilder();
        StringBuilder meta = new StringBuilder("Name: big\nVersion: 1\nDescription: x\n");
        for (int i = 0; i < 50_000; i++) {
            req.append("package-").append(i).append("[a,b]==1.").append(i).append(" ; python_version > \"3\" --hash=sha256:ab\n");
            meta.append("        description line ").append(i).append('\n');
        }
        meta.append("Classifier: License :: OSI Approved :: MIT License\n");
        // pathological lines: a quadratic scan over them would take minutes, a linear one milliseconds
        String longName = "a".repeat(200_000) + "=".repeat(200_000) + "\n";
        String manyOptions = "x==1" + " --".repeat(100_000) + "\n";
        byte[] reqBytes = req.append(longName).append(manyOptions).toString().getBytes(StandardCharsets.UTF_8);
        byte[] metaBytes = meta.toString().getBytes(StandardCharsets.UTF_8);
        // generous: the machine is shared, and the point is the order of growth, not the constant
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertThat(RequirementsParser.parse("/r.txt", reqBytes).packages()).hasSize(50_001);
            CoreMetadata m = CoreMetadataParser.parse("/m", metaBytes, new ParseWarnings("/m"));
            assertThat(m.all("Classifier")).hasSize(1);
        });
    }
}
