package io.plimsoll.ecosystem;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.npm.NpmCataloger;
import io.plimsoll.ecosystem.php.ComposerCataloger;
import io.plimsoll.ecosystem.ruby.GemCataloger;
import io.plimsoll.image.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Damaged copies of every language fixture (cut short at many points, bytes overwritten at random) through the
 * catalogers: each gives packages and warnings, never an exception, and every warning names its file.
 */
class LanguageDamageTest {

    static final String SYFT = "corpus/syft/syft/pkg/cataloger/";
    /** Bytes that matter to the formats' syntax, and a NUL. */
    static final String NOISE = "{}[]\":,-( )\n\u0000#@'\\%";

    record Fixture(String imagePath, byte[] content) {
    }

    /** The fixtures under the image paths the catalogers want. */
    static List<Fixture> fixtures() throws IOException {
        List<Fixture> out = new ArrayList<>();
        for (String dir : List.of("javascript/testdata", "php/testdata", "ruby/testdata")) {
            Path root = SharedCorpus.require(SYFT + dir);
            try (Stream<Path> s = Files.walk(root)) {
                for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                    String name = f.getFileName().toString();
                    String wanted = name.endsWith(".gemspec") ? "/usr/local/bundle/specifications/" + name
                            : name.equals("installed.json") ? "/app/vendor/composer/installed.json"
                            : name.startsWith("package") && name.endsWith(".json") && !name.contains("lock")
                            ? "/app/node_modules/x/package.json"
                            : name.contains("package-lock") ? "/app/package-lock.json"
                            : name.equals("Gemfile.lock") || name.equals("composer.lock") || name.equals("yarn.lock")
                            || name.equals("pnpm-lock.yaml") ? "/app/" + name : null;
                    if (wanted != null) {
                        out.add(new Fixture(wanted, Files.readAllBytes(f)));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void damagedFixturesGiveWarningsNeverExceptions() throws Exception {
        List<Cataloger> catalogers = List.of(new NpmCataloger(), new ComposerCataloger(), new GemCataloger());
        Random random = new Random(42);
        int runs = 0;
        for (Fixture f : fixtures()) {
            List<byte[]> damaged = new ArrayList<>();
            for (int cut = 1; cut < 12; cut++) {
                damaged.add(java.util.Arrays.copyOf(f.content(), f.content().length * cut / 12));
            }
            for (int i = 0; i < 8; i++) {
                byte[] b = f.content().clone();
                for (int j = 0; j < 1 + b.length / 50; j++) {
                    if (b.length > 0) {
                        b[random.nextInt(b.length)] = (byte) NOISE.charAt(random.nextInt(NOISE.length()));
                    }
                }
                damaged.add(b);
            }
            for (byte[] bytes : damaged) {
                for (Cataloger c : catalogers) {
                    if (!c.wants().test(f.imagePath())) {
                        continue;
                    }
                    Cataloger.Result r = c.catalog(OneFileInput.of(c, f.imagePath(), bytes));
                    assertThat(r.warnings()).allSatisfy(w -> assertThat(w).startsWith(f.imagePath()));
                    assertThat(r.packages()).allSatisfy(p -> assertThat(p.purl()).startsWith("pkg:"));
                    assertThat(r.packages()).extracting(Package::name).doesNotContainNull();
                    runs++;
                }
            }
        }
        assertThat(runs).isGreaterThan(500);
    }
}
