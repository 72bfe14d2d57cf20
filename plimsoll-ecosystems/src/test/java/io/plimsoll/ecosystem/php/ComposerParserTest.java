package io.plimsoll.ecosystem.php;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.image.testing.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * syft's PHP fixtures against syft's parse_composer_lock_test and parse_installed_json_test, and damaged input.
 * syft leaves out composer.lock's packages-dev; they are kept here, marked dev.
 */
class ComposerParserTest {

    static final String PHP = "corpus/syft/syft/pkg/cataloger/php/testdata/";

    static byte[] bytes(String fixture) throws IOException {
        return Files.readAllBytes(SharedCorpus.require(PHP + fixture));
    }

    @Test
    void composerLock() throws IOException {
        ParseResult<ComposerPackage> r = ComposerParser.lock("/composer.lock", bytes("composer.lock"));
        assertThat(r.warnings()).isEmpty();
        assertThat(r.packages()).extracting(ComposerPackage::name, ComposerPackage::version, ComposerPackage::licenses,
                c -> c.metadata().get("dev"), c -> c.toPackage("composer", "/l").purl()).containsExactly(
                tuple("adoy/fastcgi-client", "1.0.2", List.of("MIT"), "false", "pkg:composer/adoy/fastcgi-client@1.0.2"),
                tuple("alcaeus/mongo-php-adapter", "1.1.11", List.of("MIT"), "false",
                        "pkg:composer/alcaeus/mongo-php-adapter@1.1.11"),
                tuple("behat/gherkin", "v4.6.2", List.of("MIT"), "true", "pkg:composer/behat/gherkin@v4.6.2"),
                tuple("codeception/codeception", "4.1.6", List.of("MIT"), "true",
                        "pkg:composer/codeception/codeception@4.1.6"));
        assertThat(r.packages().get(0).metadata()).containsEntry("type", "library")
                .containsEntry("reference", "6d9a552f0206a1db7feb442824540aa6c55e5b27");
    }

    @Test
    void installedJsonOfComposer1And2() throws IOException {
        for (String v : List.of("1", "2")) {
            ParseResult<ComposerPackage> r = ComposerParser.installed("/vendor/composer/installed.json",
                    bytes("vendor/composer_" + v + "/installed.json"));
            assertThat(r.packages()).extracting(ComposerPackage::name, ComposerPackage::version, ComposerPackage::licenses,
                    c -> c.toPackage("composer", "/l").purl()).as("composer " + v).containsExactly(
                    tuple("asm89/stack-cors", "1.3.0", List.of("MIT"), "pkg:composer/asm89/stack-cors@1.3.0"),
                    tuple("behat/mink", "v1.8.1", List.of("MIT"), "pkg:composer/behat/mink@v1.8.1"));
            // only Composer 2 says which packages are for development
            assertThat(r.packages()).extracting(c -> c.metadata().get("dev"))
                    .containsExactlyElementsOf(v.equals("1") ? java.util.Arrays.asList(null, null) : List.of("false", "true"));
        }
    }

    @Test
    void bogusAndDamagedFilesAreErrorsOrWarnings() throws IOException {
        assumeSharedCorpus(); // before any lambda: a skip thrown inside assertThatThrownBy would count as a failure
        assertThatThrownBy(() -> ComposerParser.lock("/src/composer.lock", bytes("glob-paths/src/composer.lock")))
                .isInstanceOf(PackageDbException.class).hasMessageStartingWith("/src/composer.lock: line 1");
        assertThatThrownBy(() -> ComposerParser.installed("/i.json", bytes("glob-paths/src/installed.json")))
                .isInstanceOf(PackageDbException.class);
        assertThatThrownBy(() -> ComposerParser.installed("/i.json", utf8("{\"dev\": true}")))
                .isInstanceOf(PackageDbException.class).hasMessageContaining("not an installed.json");
        assertThatThrownBy(() -> ComposerParser.lock("/c.lock", utf8("{\"_readme\": []}")))
                .isInstanceOf(PackageDbException.class).hasMessageContaining("no packages");
        ParseResult<ComposerPackage> r = ComposerParser.lock("/c.lock", utf8("{\"packages\": [{\"name\": \"a/b\"}, 3,"
                + " {\"name\": \"c/d\", \"version\": \"1.0\", \"license\": \"BSD-3-Clause\"}], \"packages-dev\": {}}"));
        assertThat(r.packages()).extracting(ComposerPackage::name, ComposerPackage::licenses)
                .containsExactly(tuple("c/d", List.of("BSD-3-Clause")));
        assertThat(r.warnings()).extracting(Object::toString).containsExactly(
                "/c.lock: packages[0] has no version: skipped", "/c.lock: packages[1] has no name: skipped",
                "/c.lock: packages-dev is not a list: skipped");
    }

    /** Every composer file of syft's php/testdata parses, or (glob-paths/, placeholder text) is refused. */
    @Test
    void everyComposerFixtureParsesOrIsRefused() throws IOException {
        java.nio.file.Path root = SharedCorpus.require(PHP);
        List<java.nio.file.Path> files;
        try (java.util.stream.Stream<java.nio.file.Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        int read = 0;
        int refused = 0;
        for (java.nio.file.Path f : files) {
            String rel = root.relativize(f).toString();
            String base = f.getFileName().toString();
            if (!base.equals("composer.lock") && !base.equals("installed.json")) {
                continue; // pecl/pear .reg files are another cataloger's
            }
            try {
                ParseResult<ComposerPackage> r = base.equals("composer.lock") ? ComposerParser.lock("/" + rel, Files.readAllBytes(f))
                        : ComposerParser.installed("/" + rel, Files.readAllBytes(f));
                assertThat(r.packages()).as(rel).isNotEmpty();
                assertThat(rel).doesNotStartWith("glob-paths/");
                read++;
            } catch (PackageDbException e) {
                assertThat(rel).as(e.getMessage()).startsWith("glob-paths/");
                refused++;
            }
        }
        assertThat(read).isEqualTo(3);
        assertThat(refused).isEqualTo(2);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assumeSharedCorpus() {
        io.plimsoll.image.testing.SharedCorpus.require("corpus/syft");
    }
}
