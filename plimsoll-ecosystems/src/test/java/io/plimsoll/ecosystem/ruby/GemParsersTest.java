package io.plimsoll.ecosystem.ruby;

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

/** syft's Ruby fixtures against syft's parse_gemspec_test and parse_gemfile_lock_test, and cases they lack. */
class GemParsersTest {

    static final String RUBY = "corpus/syft/syft/pkg/cataloger/ruby/testdata/";

    static byte[] bytes(String fixture) throws IOException {
        return Files.readAllBytes(SharedCorpus.require(RUBY + fixture));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bundlerGemspec() throws IOException {
        String path = "/usr/local/bundle/specifications/bundler-2.1.4.gemspec";
        Gem g = GemspecParser.parse(path, bytes("bundler.gemspec"), GemCataloger.gemDir(path));
        assertThat(g.name()).isEqualTo("bundler");
        assertThat(g.version()).isEqualTo("2.1.4");
        assertThat(g.licenses()).containsExactly("MIT");
        assertThat(g.metadata()).containsEntry("homepage", "https://bundler.io").containsEntry("authors",
                "André Arko, Samuel Giddins, Colby Swandale, Hiroshi Shibata, David Rodríguez, Grey Baker, "
                        + "Stephanie Morillo, Chris Morris, James Wen, Tim Moore, André Medeiros, Jessica Lynn Suttles, "
                        + "Terence Lee, Carl Lerche, Yehuda Katz");
        assertThat(g.files()).containsExactly("/usr/local/bundle/gems/bundler-2.1.4/exe/bundle",
                "/usr/local/bundle/gems/bundler-2.1.4/exe/bundler");
        assertThat(g.toPackage("gem", path).purl()).isEqualTo("pkg:gem/bundler@2.1.4");
    }

    @Test
    void formatadorHomepageInterpolationIsResolved() throws IOException {
        Gem g = GemspecParser.parse("/s/specifications/default/formatador-1.1.0.gemspec", bytes("formatador.gemspec"), "");
        assertThat(g.name()).isEqualTo("formatador");
        assertThat(g.version()).isEqualTo("1.1.0");
        assertThat(g.licenses()).containsExactly("MIT");
        assertThat(g.metadata()).containsEntry("homepage", "https://github.com/geemus/formatador")
                .containsEntry("authors", "geemus (Wesley Beary)");
        assertThat(g.files()).isEmpty();
    }

    @Test
    void gemspecLiteralsInTheirOtherForms() throws PackageDbException {
        String spec = "Gem::Specification.new do |spec|\n"
                + "  spec.name = %q{nokogiri}\n"
                + "  spec.version = Gem::Version.new(\"1.15.4\")\n"
                + "  spec.platform = \"x86_64-linux\".freeze\n"
                + "  spec.license = 'MIT'\n"
                + "  spec.authors = [\"Mike \\u{44}alessio\".freeze,\n    \"Aaron\".freeze]\n"
                + "  spec.homepage = \"https://x/#{Time.now}\"\n"
                + "  spec.files = %w[lib/a.rb ../../etc/passwd lib/b.rb]\n"
                + "  spec.name = \"ignored-second\"\n"
                + "end\n";
        Gem g = GemspecParser.parse("/h/specifications/nokogiri-1.15.4-x86_64-linux.gemspec", utf8(spec),
                GemCataloger.gemDir("/h/specifications/nokogiri-1.15.4-x86_64-linux.gemspec"));
        assertThat(g.name()).isEqualTo("nokogiri");
        assertThat(g.version()).isEqualTo("1.15.4");
        assertThat(g.platform()).isEqualTo("x86_64-linux");
        assertThat(g.licenses()).containsExactly("MIT");
        assertThat(g.metadata()).containsEntry("authors", "Mike Dalessio, Aaron").doesNotContainKey("homepage");
        assertThat(g.files()).containsExactly("/h/gems/nokogiri-1.15.4-x86_64-linux/lib/a.rb",
                "/h/gems/nokogiri-1.15.4-x86_64-linux/lib/b.rb");
        assertThat(g.toPackage("gem", "/x").purl()).isEqualTo("pkg:gem/nokogiri@1.15.4?platform=x86_64-linux");
        assertThat(g.toPackage("gem", "/x").arch()).isEqualTo("x86_64-linux");
    }

    @Test
    void gemspecsWithoutLiteralNameOrVersionAreErrors() throws IOException {
        assumeSharedCorpus(); // before any lambda: a skip thrown inside assertThatThrownBy would count as a failure
        assertThatThrownBy(() -> GemspecParser.parse("/s/specifications/x.gemspec",
                utf8("Gem::Specification.new do |s|\n  s.name = \"x\"\n  s.version = X::VERSION\nend\n"), ""))
                .isInstanceOf(PackageDbException.class).hasMessageContaining("no gem name and version");
        assertThatThrownBy(() -> GemspecParser.parse("/s/specifications/root.gemspec",
                bytes("glob-paths/specifications/root.gemspec"), "")).isInstanceOf(PackageDbException.class);
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void anArrayNeverClosedReadsOnToTheEndInLinearTime() throws PackageDbException {
        Gem g = GemspecParser.parse("/s/specifications/y-1.gemspec", utf8("s.name = \"y\"\ns.version = \"1\"\n"
                + "s.files = [\"a\",\n" + "\"b\",\n".repeat(400_000) + "s.licenses = [\"MIT\"]\n"), "/s/gems/y-1");
        assertThat(g.name()).isEqualTo("y");
        assertThat(g.files()).isEmpty(); // the unclosed array is no literal
        // past a megabyte the statement is given up and reading resumes, so later assignments still count
        assertThat(g.licenses()).containsExactly("MIT");
    }

    @Test
    void gemfileLock() throws IOException {
        ParseResult<Gem> r = GemfileLockParser.parse("/Gemfile.lock", bytes("Gemfile.lock"));
        assertThat(r.warnings()).isEmpty();
        assertThat(r.packages()).hasSize(52).extracting(Gem::name).contains("actionmailer", "arel", "unicorn")
                .doesNotContain("bad-entry", "bad-kgio", "bundler", "coffee-rails (~> 4.0.0)");
        assertThat(r.packages()).extracting(Gem::name, Gem::version, g -> g.toPackage("gem", "/l").purl()).contains(
                tuple("arel", "5.0.1.20140414130214", "pkg:gem/arel@5.0.1.20140414130214"),
                tuple("bootstrap-sass", "3.1.1.1", "pkg:gem/bootstrap-sass@3.1.1.1"),
                tuple("google-cloud-errors", "1.3.0", "pkg:gem/google-cloud-errors@1.3.0"),
                tuple("turbolinks", "3.0.0", "pkg:gem/turbolinks@3.0.0"));
        Gem turbolinks = r.packages().stream().filter(g -> g.name().equals("turbolinks")).findFirst().orElseThrow();
        assertThat(turbolinks.metadata()).containsEntry("source", "git")
                .containsEntry("remote", "https://github.com/rails/turbolinks.git")
                .containsEntry("revision", "80216ce9d89920bf073709405e3fce6d0a3ccd9a");
    }

    @Test
    void gemfileLockPlatformsAndDamage() throws PackageDbException {
        String lock = "GEM\r\n  remote: https://rubygems.org/\r\n  specs:\r\n"
                + "    nokogiri (1.15.4-x86_64-linux)\r\n      racc (~> 1.4)\r\n"
                + "    nokogiri (1.15.4-arm64-darwin)\r\n"
                + "    racc (1.7.1)\r\n"
                + "    broken-line\r\n"
                + "   odd-indent (1.0)\r\n"
                + "\r\nPLATFORMS\r\n  x86_64-linux\r\n\r\nBUNDLED WITH\r\n   2.4.19\r\n";
        ParseResult<Gem> r = GemfileLockParser.parse("/app/Gemfile.lock", utf8(lock));
        assertThat(r.packages()).extracting(Gem::name, Gem::version, Gem::platform).containsExactly(
                tuple("nokogiri", "1.15.4", "x86_64-linux"), tuple("nokogiri", "1.15.4", "arm64-darwin"),
                tuple("racc", "1.7.1", ""));
        assertThat(r.packages().get(0).toPackage("gem", "/l").purl()).isEqualTo("pkg:gem/nokogiri@1.15.4?platform=x86_64-linux");
        assertThat(r.warnings()).extracting(Object::toString)
                .containsExactly("/app/Gemfile.lock:8: expected 'name (version)' in specs: skipped");
    }

    @Test
    void bogusGemfileLocksAreErrors() throws IOException {
        assumeSharedCorpus(); // before any lambda: a skip thrown inside assertThatThrownBy would count as a failure
        for (String f : List.of("glob-paths/src/Gemfile.lock", "glob-paths/src/Gemfile.next.lock")) {
            assertThatThrownBy(() -> GemfileLockParser.parse("/" + f, bytes(f))).as(f)
                    .isInstanceOf(PackageDbException.class).hasMessageContaining("not a Gemfile.lock");
        }
        assertThat(GemfileLockParser.parse("/e/Gemfile.lock", new byte[0]).packages()).isEmpty();
    }

    /** Every gemspec and Gemfile lock of syft's ruby/testdata parses, or (glob-paths/, placeholder text) is refused. */
    @Test
    void everyRubyFixtureParsesOrIsRefused() throws IOException {
        java.nio.file.Path root = SharedCorpus.require(RUBY);
        List<java.nio.file.Path> files;
        try (java.util.stream.Stream<java.nio.file.Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        int read = 0;
        int refused = 0;
        for (java.nio.file.Path f : files) {
            String rel = root.relativize(f).toString();
            try {
                if (rel.endsWith(".gemspec")) {
                    GemspecParser.parse("/" + rel, Files.readAllBytes(f), "");
                } else {
                    assertThat(GemfileLockParser.parse("/" + rel, Files.readAllBytes(f)).packages()).as(rel).isNotEmpty();
                }
                assertThat(rel).doesNotStartWith("glob-paths/");
                read++;
            } catch (PackageDbException e) {
                assertThat(rel).as(e.getMessage()).startsWith("glob-paths/");
                refused++;
            }
        }
        assertThat(read).isEqualTo(3);
        assertThat(refused).isEqualTo(4);
    }

    @Test
    void wantedPaths() {
        assertThat(GemCataloger.isGemspec("/usr/local/lib/ruby/gems/3.2.0/specifications/default/json-2.6.3.gemspec")).isTrue();
        assertThat(GemCataloger.isGemspec("/app/myapp.gemspec")).isFalse();
        assertThat(GemCataloger.isLockfile("/app/Gemfile.lock")).isTrue();
        assertThat(GemCataloger.isLockfile("/app/gems.locked")).isTrue();
        assertThat(GemCataloger.isLockfile("/usr/local/bundle/gems/rack-3.0.8/Gemfile.lock")).isFalse();
        assertThat(GemCataloger.isLockfile("/usr/lib/ruby/gems/3.1.0/gems/rbs-2.1.0/steep/Gemfile.lock")).isFalse();
        assertThat(GemCataloger.isLockfile("/srv/gems/Gemfile.lock")).isTrue();
        assertThat(GemCataloger.gemDir("/usr/local/bundle/specifications/default/json-2.6.3.gemspec")).isEmpty();
    }

    private static void assumeSharedCorpus() {
        io.plimsoll.image.testing.SharedCorpus.require("corpus/syft");
    }
}
