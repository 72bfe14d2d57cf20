package io.plimsoll.ecosystem.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language catalogers (npm, composer, gem) over whole images, through the registered engine. */
class LanguageCatalogersTest {

    @TempDir
    Path tmp;

    static Package only(Inventory inv, String type, String name) {
        List<Package> found = inv.packages().stream().filter(p -> p.type().equals(type) && p.name().equals(name)).toList();
        assertThat(found).as(type + " " + name).hasSize(1);
        return found.get(0);
    }

    static String manifest(String name, String version, String license) {
        return "{\"name\": \"" + name + "\", \"version\": \"" + version + "\"" + (license == null ? "" : ", \"license\": \"" + license + "\"") + "}";
    }

    static String lockEntry(String path, String version, boolean dev) {
        return ",\"" + path + "\": {\"version\": \"" + version + "\", \"resolved\": \"https://registry.npmjs.org/x.tgz\""
                + (dev ? ", \"dev\": true" : "") + "}";
    }

    @Test
    void npmInstalledAndLockedAcrossTwoLayers() throws Exception {
        String lock0 = "{\"name\": \"shop\", \"lockfileVersion\": 3, \"packages\": {\"\": {\"name\": \"shop\", \"version\": \"1.0.0\"}"
                + lockEntry("node_modules/express", "4.19.2", false) + lockEntry("node_modules/debug", "2.6.9", false)
                + lockEntry("node_modules/jest", "29.0.0", true) + "}}";
        String lock1 = lock0.substring(0, lock0.length() - 2) + lockEntry("node_modules/@scope/util", "2.0.0", false)
                + lockEntry("node_modules/left-pad", "1.3.0", false) + "}}";
        Path layout = TestImage.create()
                .layer(TestLayer.create()
                        .file("app/package.json", "{\"name\": \"shop\", \"version\": \"1.0.0\", \"private\": true, "
                                + "\"dependencies\": {\"express\": \"^4\"}, \"devDependencies\": {\"jest\": \"^29\"}}")
                        .file("app/package-lock.json", lock0)
                        .file("app/node_modules/express/package.json", manifest("express", "4.19.2", "MIT"))
                        .file("app/node_modules/express/lib/package.json", "{\"type\": \"commonjs\"}")
                        .file("app/node_modules/debug/package.json", manifest("debug", "2.6.9", "MIT"))
                        .file("app/node_modules/jest/package.json", manifest("jest", "29.0.0", null)),
                        Compressor.GZIP, "RUN npm ci")
                .layer(TestLayer.create()
                        .file("app/package-lock.json", lock1)
                        .file("app/node_modules/@scope/util/package.json", manifest("@scope/util", "2.0.0", "ISC"))
                        // rewritten unchanged (say by a chown): still the first layer's package
                        .file("app/node_modules/debug/package.json", manifest("debug", "2.6.9", "MIT"))
                        .file("srv/other/package-lock.json", "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    oops\n")
                        .file("srv/other/node_modules/broken/package.json", "{\"name\": \"broken\", "),
                        Compressor.GZIP, "RUN npm install @scope/util left-pad")
                .writeOciLayout(tmp.resolve("npm"), null);
        Inventory inv = OsCatalogersTest.inventory(layout);

        assertThat(inv.packages()).extracting(Package::name, Package::version, p -> p.provenance().layer(), Package::location)
                .containsExactly(
                        tuple("@scope/util", "2.0.0", 1, "/app/node_modules/@scope/util/package.json"),
                        tuple("debug", "2.6.9", 0, "/app/node_modules/debug/package.json"),
                        tuple("express", "4.19.2", 0, "/app/node_modules/express/package.json"),
                        tuple("jest", "29.0.0", 0, "/app/node_modules/jest/package.json"),
                        tuple("left-pad", "1.3.0", 1, "/app/package-lock.json"),
                        tuple("shop", "1.0.0", 0, "/app/package.json"));
        Package express = only(inv, "npm", "express");
        assertThat(express.licenses()).containsExactly("MIT");
        assertThat(express.metadata()).containsEntry("dev", "false").containsEntry("lockfile", "/app/package-lock.json");
        assertThat(express.provenance().createdBy()).hasValue("RUN npm ci");
        assertThat(express.foundBy()).isEqualTo("npm");
        assertThat(only(inv, "npm", "jest").metadata()).containsEntry("dev", "true");
        Package util = only(inv, "npm", "@scope/util");
        assertThat(util.purl()).isEqualTo("pkg:npm/%40scope/util@2.0.0");
        assertThat(util.provenance().createdBy()).hasValue("RUN npm install @scope/util left-pad");
        assertThat(only(inv, "npm", "left-pad").metadata()).containsEntry("dev", "false")
                .containsEntry("resolved", "https://registry.npmjs.org/x.tgz");
        assertThat(only(inv, "npm", "shop").metadata()).containsEntry("project", "true").containsEntry("private", "true");
        assertThat(inv.warnings()).anySatisfy(w -> assertThat(w).startsWith("/srv/other/package-lock.json: line 4"))
                .anySatisfy(w -> assertThat(w).startsWith("/srv/other/node_modules/broken/package.json: line 1"));
    }

    @Test
    void syftJavascriptFixturesAsOneImage() throws Exception {
        Path root = SharedCorpus.require("corpus/syft/syft/pkg/cataloger/javascript/testdata");
        Inventory inv = OsCatalogersTest.inventory(TestImage.create().layer(TestLayer.fromDirectory(root), Compressor.GZIP)
                .writeOciLayout(tmp.resolve("syft-js"), null));
        // syft's Test_JavascriptCataloger: the lock's packages, with MIT from the package.json files installed beside it
        Package core = only(inv, "npm", "@actions/core");
        assertThat(core.location()).isEqualTo("/pkg-lock/node_modules/@actions/core/package.json");
        assertThat(core.licenses()).containsExactly("MIT");
        assertThat(core.metadata()).containsEntry("lockfile", "/pkg-lock/package-lock.json").containsEntry("dev", "false");
        assertThat(only(inv, "npm", "cowsay").licenses()).containsExactly("MIT");
        assertThat(inv.packages().stream().filter(p -> p.location().equals("/pkg-lock/package-lock.json")))
                .extracting(Package::name).contains("wordwrap", "strip-eof").doesNotContain("@actions/core", "cowsay");
        // every corrupt or bogus file is a warning naming it; everything else was read
        assertThat(inv.warnings()).anySatisfy(w -> assertThat(w).startsWith("/corrupt/package.json: line"))
                .anySatisfy(w -> assertThat(w).startsWith("/corrupt/package-lock.json: line"))
                .anySatisfy(w -> assertThat(w).startsWith("/corrupt/pnpm-lock.yaml: line"))
                .anySatisfy(w -> assertThat(w).startsWith("/glob-paths/src/yarn.lock: "));
        assertThat(inv.warnings()).noneSatisfy(w -> assertThat(w).startsWith("/yarn"))
                .noneSatisfy(w -> assertThat(w).startsWith("/pnpm"));
        assertThat(inv.packages()).extracting(Package::location).contains("/yarn-berry/yarn.lock", "/pnpm-v9/pnpm-lock.yaml",
                "/pnpm-multi-doc/pnpm-lock.yaml", "/yarn-dev-deps/package.json", "/yarn-dev-deps/yarn.lock");
        // yarn v1 and berry projects alike: dev from the package.json beside the lock
        assertThat(inv.packages().stream().filter(p -> p.location().endsWith("dev-deps/yarn.lock")))
                .extracting(Package::location, Package::name, p -> p.metadata().get("dev")).contains(
                        tuple("/yarn-dev-deps/yarn.lock", "dev-pkg", "true"),
                        tuple("/yarn-berry-dev-deps/yarn.lock", "dev-only-transitive", "true"),
                        tuple("/yarn-berry-dev-deps/yarn.lock", "shared-pkg", "false"));
    }

    static String composerPackage(String name, String version) {
        return "{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"type\": \"library\", \"license\": [\"MIT\"]}";
    }

    @Test
    void composerInstalledAndLocked() throws Exception {
        String lock = "{\"packages\": [" + composerPackage("monolog/monolog", "2.9.1") + ", " + composerPackage("psr/log", "3.0.0")
                + "], \"packages-dev\": [" + composerPackage("phpunit/phpunit", "10.0.0") + "]}";
        String installed0 = "{\"packages\": [" + composerPackage("monolog/monolog", "2.9.1") + ", "
                + composerPackage("phpunit/phpunit", "10.0.0") + "], \"dev\": true, \"dev-package-names\": [\"phpunit/phpunit\"]}";
        String installed1 = "{\"packages\": [" + composerPackage("monolog/monolog", "2.9.1") + ", "
                + composerPackage("phpunit/phpunit", "10.0.0") + ", " + composerPackage("guzzlehttp/guzzle", "7.8.0")
                + "], \"dev\": true, \"dev-package-names\": [\"phpunit/phpunit\"]}";
        Path layout = TestImage.create()
                .layer(TestLayer.create().file("var/www/composer.lock", lock)
                        .file("var/www/vendor/composer/installed.json", installed0), Compressor.GZIP, "RUN composer install")
                .layer(TestLayer.create().file("var/www/vendor/composer/installed.json", installed1)
                        .file("var/www/vendor/guzzlehttp/guzzle/composer.lock", lock.replace("psr/log", "psr/other")),
                        Compressor.GZIP, "RUN composer require guzzlehttp/guzzle")
                .writeOciLayout(tmp.resolve("composer"), null);
        Inventory inv = OsCatalogersTest.inventory(layout);
        String installed = "/var/www/vendor/composer/installed.json";
        assertThat(inv.packages()).extracting(Package::name, Package::version, p -> p.provenance().layer(),
                Package::location, p -> p.metadata().get("dev")).containsExactly(
                tuple("guzzlehttp/guzzle", "7.8.0", 1, installed, "false"),
                tuple("monolog/monolog", "2.9.1", 0, installed, "false"),
                tuple("phpunit/phpunit", "10.0.0", 0, installed, "true"),
                tuple("psr/log", "3.0.0", 0, "/var/www/composer.lock", "false"));
        Package monolog = only(inv, "composer", "monolog/monolog");
        assertThat(monolog.purl()).isEqualTo("pkg:composer/monolog/monolog@2.9.1");
        assertThat(monolog.licenses()).containsExactly("MIT");
        assertThat(monolog.metadata()).containsEntry("lockfile", "/var/www/composer.lock");
        assertThat(inv.warnings()).isEmpty();
    }

    static String gemspec(String name, String version, String platform, String license) {
        return "# -*- encoding: utf-8 -*-\nGem::Specification.new do |s|\n  s.name = \"" + name + "\".freeze\n  s.version = \""
                + version + "\"\n" + (platform == null ? "" : "  s.platform = \"" + platform + "\".freeze\n")
                + "  s.licenses = [\"" + license + "\".freeze]\n  s.files = [\"lib/" + name + ".rb\".freeze]\nend\n";
    }

    @Test
    void gemsInstalledAndLocked() throws Exception {
        String lock = "GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.15.4-x86_64-linux)\n      racc (~> 1.4)\n"
                + "    puma (6.4.0)\n    rack (3.0.8)\n\nPLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n  puma\n  rack\n";
        Path layout = TestImage.create()
                .layer(TestLayer.create()
                        .file("usr/local/lib/ruby/gems/3.2.0/specifications/default/json-2.6.3.gemspec", gemspec("json", "2.6.3", null, "Ruby"))
                        .file("usr/local/bundle/specifications/rack-3.0.8.gemspec", gemspec("rack", "3.0.8", null, "MIT"))
                        .file("app/Gemfile.lock", lock), Compressor.GZIP, "RUN bundle install")
                .layer(TestLayer.create()
                        .file("usr/local/bundle/specifications/nokogiri-1.15.4-x86_64-linux.gemspec",
                                gemspec("nokogiri", "1.15.4", "x86_64-linux", "MIT"))
                        .file("usr/local/bundle/gems/rack-3.0.8/Gemfile.lock", lock.replace("puma", "webrick"))
                        .file("usr/local/bundle/specifications/broken-1.0.gemspec", "\u0000\u0001 not ruby"),
                        Compressor.GZIP, "RUN gem install nokogiri")
                .writeOciLayout(tmp.resolve("gems"), null);
        Inventory inv = OsCatalogersTest.inventory(layout);
        assertThat(inv.packages()).extracting(Package::name, Package::version, Package::arch, p -> p.provenance().layer(),
                Package::location).containsExactly(
                tuple("json", "2.6.3", "", 0, "/usr/local/lib/ruby/gems/3.2.0/specifications/default/json-2.6.3.gemspec"),
                tuple("nokogiri", "1.15.4", "x86_64-linux", 1, "/usr/local/bundle/specifications/nokogiri-1.15.4-x86_64-linux.gemspec"),
                tuple("puma", "6.4.0", "", 0, "/app/Gemfile.lock"),
                tuple("rack", "3.0.8", "", 0, "/usr/local/bundle/specifications/rack-3.0.8.gemspec"));
        Package nokogiri = only(inv, "gem", "nokogiri");
        assertThat(nokogiri.purl()).isEqualTo("pkg:gem/nokogiri@1.15.4?platform=x86_64-linux");
        assertThat(nokogiri.metadata()).containsEntry("lockfile", "/app/Gemfile.lock");
        assertThat(nokogiri.files()).containsExactly("/usr/local/bundle/gems/nokogiri-1.15.4-x86_64-linux/lib/nokogiri.rb");
        assertThat(only(inv, "gem", "rack").licenses()).containsExactly("MIT");
        assertThat(only(inv, "gem", "json").files()).isEmpty(); // default gems live in Ruby's own library
        assertThat(inv.warnings()).singleElement().satisfies(w ->
                assertThat(w).startsWith("/usr/local/bundle/specifications/broken-1.0.gemspec: "));
    }

    @Test
    void syftPhpAndRubyFixturesAsImages() throws Exception {
        Path php = SharedCorpus.require("corpus/syft/syft/pkg/cataloger/php/testdata");
        Path ruby = SharedCorpus.require("corpus/syft/syft/pkg/cataloger/ruby/testdata");
        Inventory inv = OsCatalogersTest.inventory(TestImage.create()
                .layer(TestLayer.fromDirectory(php), Compressor.GZIP)
                .layer(TestLayer.fromDirectory(ruby), Compressor.GZIP).writeOciLayout(tmp.resolve("syft-php-ruby"), null));
        assertThat(inv.packages().stream().filter(p -> p.type().equals("composer"))).extracting(Package::name)
                .containsExactlyInAnyOrder("adoy/fastcgi-client", "alcaeus/mongo-php-adapter", "behat/gherkin",
                        "codeception/codeception");
        assertThat(inv.packages().stream().filter(p -> p.type().equals("gem"))).hasSize(52)
                .allSatisfy(p -> assertThat(p.location()).isEqualTo("/Gemfile.lock"));
        assertThat(inv.warnings()).hasSize(5).anySatisfy(w -> assertThat(w).startsWith("/glob-paths/src/composer.lock: "))
                .anySatisfy(w -> assertThat(w).startsWith("/glob-paths/src/Gemfile.lock: "))
                .anySatisfy(w -> assertThat(w).startsWith("/glob-paths/src/Gemfile.next.lock: "))
                .anySatisfy(w -> assertThat(w).startsWith("/glob-paths/specifications/root.gemspec: "))
                .anySatisfy(w -> assertThat(w).startsWith("/glob-paths/specifications/pkg/nested.gemspec: "));
    }
}
