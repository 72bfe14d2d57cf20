package io.plimsoll.ecosystem.debian;

import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.image.testing.SharedCorpus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The dpkg databases of claircore's and syft's test data, read in place, against what those projects' tests
 * expect of them (claircore dpkg/scanner_test.go, syft parse_dpkg_db_test.go and cataloger_test.go).
 */
class DpkgCorpusTest {

    static final String CLAIRCORE = "corpus/claircore/dpkg/testdata/";
    static final String SYFT = "corpus/syft/syft/pkg/cataloger/debian/testdata/";

    /** Parses a corpus file under the image path {@code imagePath}, which decides distroless handling. */
    static ParseResult<DpkgPackage> parse(String corpusFile, String imagePath) throws IOException {
        return DpkgStatusParser.parse(imagePath, Files.readAllBytes(SharedCorpus.require(corpusFile)));
    }

    static ParseResult<DpkgPackage> statusD(String name) throws IOException {
        return parse(SYFT + "var/lib/dpkg/status.d/" + name, "/var/lib/dpkg/status.d/" + name);
    }

    @Test
    void claircoreGiantTexliveStatus() throws IOException {
        ParseResult<DpkgPackage> r = parse(CLAIRCORE + "texlive.status", "/var/lib/dpkg/status");
        assertThat(r.packages()).hasSize(357);
        assertThat(r.warnings()).isEmpty();
        assertThat(r.packages()).allSatisfy(p -> {
            assertThat(p.version()).isNotEmpty();
            assertThat(p.architecture()).isNotEmpty();
            assertThat(p.status()).isEqualTo("install ok installed");
        });
    }

    @Test
    void claircoreKeyringPackage() throws IOException {
        ParseResult<DpkgPackage> r = parse(CLAIRCORE + "debian-only.status", "/var/lib/dpkg/status");
        assertThat(r.packages()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("debian-archive-keyring");
            assertThat(p.version()).isEqualTo("2019.1");
            assertThat(p.architecture()).isEqualTo("all");
            assertThat(p.sourceName()).isEqualTo("debian-archive-keyring");
            assertThat(p.conffiles()).hasSize(9);
        });
    }

    @Test
    void claircoreSourceWithItsOwnVersion() throws IOException {
        ParseResult<DpkgPackage> r = parse(CLAIRCORE + "postgresql.status", "/var/lib/dpkg/status");
        assertThat(r.packages()).extracting(DpkgPackage::name, DpkgPackage::version, DpkgPackage::sourceName,
                DpkgPackage::sourceVersion).contains(
                tuple("postgresql-client", "11+200+deb10u5", "postgresql-common", "200+deb10u5"),
                tuple("postgresql-client-11", "11.22-0+deb10u2", "postgresql-11", "11.22-0+deb10u2"));
        assertThat(r.packages()).hasSize(3);
    }

    @Test
    void claircoreVcpkgIsNotADpkgDatabase() throws IOException {
        byte[] vcpkg = Files.readAllBytes(SharedCorpus.require(CLAIRCORE + "vcpkg.status"));
        assertThatThrownBy(() -> DpkgStatusParser.parse("/var/lib/dpkg/status", vcpkg))
                .isInstanceOf(PackageDbException.class).hasMessageContaining("vcpkg");
    }

    @Test
    void syftSingle() throws IOException {
        ParseResult<DpkgPackage> r = statusD("single");
        assertThat(r.packages()).singleElement().satisfies(p -> {
            assertThat(p).extracting(DpkgPackage::name, DpkgPackage::version, DpkgPackage::architecture,
                    DpkgPackage::sourceName, DpkgPackage::sourceVersion, DpkgPackage::installedSizeKib,
                    DpkgPackage::maintainer, DpkgPackage::description).containsExactly("apt", "1.8.2", "amd64",
                    "apt-dev", "1.8.2", 4064L, "APT Development Team <deity@lists.debian.org>",
                    "commandline package manager");
            assertThat(p.conffiles()).containsExactly(
                    new DpkgFile("/etc/apt/apt.conf.d/01autoremove", "76120d358bc9037bb6358e737b3050b5"),
                    new DpkgFile("/etc/cron.daily/apt-compat", "49e9b2cfa17849700d4db735d04244f3"),
                    new DpkgFile("/etc/kernel/postinst.d/apt-auto-removal", "4ad976a68f045517cf4696cec7b8aa3a"),
                    new DpkgFile("/etc/logrotate.d/apt", "179f2ed4f85cbaca12fa3d69c2a4a1c3"));
        });
        assertThat(r.warnings()).isEmpty();
    }

    /** syft reads "4KB" as 4000 (bytes); dpkg's unit is KiB, so we report 4 (4000 bytes rounded up). */
    @Test
    void syftInstalledSizeWithAUnit() throws IOException {
        ParseResult<DpkgPackage> r = statusD("installed-size-4KB");
        assertThat(r.packages()).singleElement().satisfies(p -> {
            assertThat(p.installedSizeKib()).isEqualTo(4);
            assertThat(p.conffiles()).isEmpty();
            assertThat(p.sourceName()).isEqualTo("apt-dev");
        });
    }

    @Test
    void syftMultiple() throws IOException {
        ParseResult<DpkgPackage> r = statusD("multiple");
        assertThat(r.packages()).extracting(DpkgPackage::name, DpkgPackage::version, DpkgPackage::sourceName,
                DpkgPackage::architecture, DpkgPackage::installedSizeKib).containsExactly(
                tuple("no-version", "", "no-version", "", -1L),
                tuple("tzdata", "2020a-0+deb10u1", "tzdata-dev", "all", 3036L),
                tuple("util-linux", "2.33.1-0.1", "util-linux", "amd64", 4327L));
        assertThat(r.packages().get(2).conffiles()).extracting(DpkgFile::path).containsExactly(
                "/etc/default/hwclock", "/etc/init.d/hwclock.sh", "/etc/pam.d/runuser", "/etc/pam.d/runuser-l",
                "/etc/pam.d/su", "/etc/pam.d/su-l");
        assertThat(r.warnings()).extracting(w -> w.line() + " " + w.message()).containsExactly(
                "1 entry without a Package name skipped", "3 package no-version has no Version");
    }

    @Test
    void syftDeinstalledPackagesAreLeftOut() throws IOException {
        assertThat(DpkgStatusParserTest.names(statusD("deinstall"))).containsExactly("linux-image-6.14.0-1012-aws");
    }

    @Test
    void syftCorruptAndEmptyEntriesHoldNothing() throws IOException {
        for (String bad : List.of("corrupt", "empty")) {
            byte[] content = Files.readAllBytes(SharedCorpus.require(SYFT + "var/lib/dpkg/status.d/" + bad));
            assertThatThrownBy(() -> DpkgStatusParser.parse("/var/lib/dpkg/status.d/" + bad, content)).as(bad)
                    .isInstanceOf(PackageDbException.class);
        }
    }

    @Test
    void syftRelationshipFixtures() throws IOException {
        assertThat(DpkgStatusParserTest.names(statusD("coreutils-relationships"))).containsExactly("coreutils",
                "libacl1", "libc6", "libgcc-s1", "gcc-12-base", "libattr1", "libgmp10", "libselinux1",
                "libpcre2-8-0");
        assertThat(DpkgStatusParserTest.names(statusD("libpam-runtime"))).containsExactly("libpam-runtime",
                "debconf1", "debconf2", "debconf-2.0", "cdebconf", "libpam-modules");
        ParseResult<DpkgPackage> docs = statusD("doc-examples");
        assertThat(docs.packages()).hasSize(16);
        assertThat(docs.packages()).filteredOn(p -> p.name().equals("made-up-package-1"))
                .extracting(DpkgPackage::sourceName).containsExactly("glibc");
    }

    @Test
    void syftImageDpkg() throws IOException {
        ParseResult<DpkgPackage> r = parse(SYFT + "image-dpkg/var/lib/dpkg/status", "/var/lib/dpkg/status");
        assertThat(r.packages()).singleElement().satisfies(p -> {
            assertThat(p).extracting(DpkgPackage::name, DpkgPackage::version, DpkgPackage::sourceName,
                    DpkgPackage::architecture, DpkgPackage::maintainer, DpkgPackage::installedSizeKib)
                    .containsExactly("libpam-runtime", "1.1.8-3.6", "pam", "all",
                            "Steve Langasek <vorlon@debian.org>", 1016L);
            assertThat(p.conffiles()).containsExactly(
                    new DpkgFile("/etc/pam.conf", "87fc76f18e98ee7d3848f6b81b3391e5"),
                    new DpkgFile("/etc/pam.d/other", "31aa7f2181889ffb00b87df4126d1701"));
        });
    }

    @Test
    void syftDistrolessImage() throws IOException {
        ParseResult<DpkgPackage> r = parse(SYFT + "image-distroless-deb/var/lib/dpkg/status.d/libsqlite3-0",
                "/var/lib/dpkg/status.d/libsqlite3-0");
        assertThat(r.packages()).extracting(DpkgPackage::name, DpkgPackage::version, DpkgPackage::sourceName,
                DpkgPackage::sourceVersion, DpkgPackage::architecture, DpkgPackage::installedSizeKib,
                DpkgPackage::maintainer).containsExactly(tuple("libsqlite3-0", "3.34.1-3", "sqlite3", "3.34.1-3",
                "arm64", 1490L, "Laszlo Boszormenyi (GCS) <gcs@debian.org>"));
        assertThat(r.warnings()).isEmpty();
    }

    /** opkg (OpenWrt, Yocto) keeps the same format; its status flag is "user" rather than "ok". */
    @Test
    void syftOpkgStatus() throws IOException {
        ParseResult<DpkgPackage> r = parse(SYFT + "var/lib/opkg/status", "/var/lib/opkg/status");
        assertThat(r.packages()).extracting(DpkgPackage::name, DpkgPackage::version, DpkgPackage::architecture)
                .containsExactly(tuple("dropbear", "2024.85-r0", "x86_64"), tuple("busybox", "1.36.1-r3", "x86_64"),
                        tuple("kernel-modules", "6.6.0-r0", "x86_64"));
    }

    /**
     * Every dpkg-format database in the corpus: each parses, or is one of the deliberately broken fixtures and
     * fails with a PackageDbException naming it.
     */
    @Test
    void everyCorpusDatabaseParsesOrIsKnownBad() throws IOException {
        Path corpus = SharedCorpus.require("corpus");
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("claircore/dpkg/testdata", "syft/syft/pkg/cataloger/debian/testdata")) {
            try (Stream<Path> s = Files.walk(corpus.resolve(dir))) {
                s.filter(Files::isRegularFile).filter(p -> {
                    String path = "/" + corpus.resolve(dir).relativize(p).toString().replace('\\', '/');
                    return path.endsWith("/status") || path.endsWith(".status")
                            || DpkgStatusParser.isStatusDEntry(path);
                }).forEach(files::add);
            }
        }
        Map<String, String> knownBad = Map.of(
                "claircore/dpkg/testdata/vcpkg.status", "vcpkg",
                "syft/syft/pkg/cataloger/debian/testdata/var/lib/dpkg/status.d/corrupt", "no dpkg entry",
                "syft/syft/pkg/cataloger/debian/testdata/var/lib/dpkg/status.d/empty", "no dpkg entry",
                "syft/syft/pkg/cataloger/debian/testdata/glob-paths/var/lib/dpkg/status", "no dpkg entry",
                "syft/syft/pkg/cataloger/debian/testdata/glob-paths/var/lib/dpkg/status.d/pkg-1.0", "no dpkg entry",
                "syft/syft/pkg/cataloger/debian/testdata/glob-paths/usr/lib/dpkg/status.d/pkg-1.0", "no dpkg entry",
                "syft/syft/pkg/cataloger/debian/testdata/glob-paths/usr/lib/opkg/status", "no dpkg entry");
        int parsed = 0;
        for (Path file : files) {
            String rel = corpus.relativize(file).toString();
            String imagePath = "/" + rel;
            String bad = knownBad.get(rel);
            if (bad != null) {
                assertThatThrownBy(() -> DpkgStatusParser.parse(imagePath, Files.readAllBytes(file))).as(rel)
                        .isInstanceOfSatisfying(PackageDbException.class, e -> {
                            assertThat(e.file()).isEqualTo(imagePath);
                            assertThat(e.reason()).contains(bad);
                        });
            } else {
                assertThat(DpkgStatusParser.parse(imagePath, Files.readAllBytes(file)).packages()).as(rel)
                        .isNotEmpty();
                parsed++;
            }
        }
        assertThat(files).hasSize(knownBad.size() + parsed);
        assertThat(parsed).as("databases parsed").isEqualTo(14);
    }
}
