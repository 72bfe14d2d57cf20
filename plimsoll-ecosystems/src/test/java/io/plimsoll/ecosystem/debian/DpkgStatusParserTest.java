package io.plimsoll.ecosystem.debian;

import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DpkgStatusParserTest {

    static final String STATUS = "/var/lib/dpkg/status";
    static final String STATUS_D = "/var/lib/dpkg/status.d/";

    static ParseResult<DpkgPackage> parse(String file, String text) throws PackageDbException {
        return DpkgStatusParser.parse(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> names(ParseResult<DpkgPackage> r) {
        return r.packages().stream().map(DpkgPackage::name).toList();
    }

    static List<String> messages(ParseResult<?> r) {
        return r.warnings().stream().map(ParseWarning::message).toList();
    }

    @Test
    void readsTheFieldsOfAnEntry() throws PackageDbException {
        ParseResult<DpkgPackage> r = parse(STATUS, """
                Package: libgcc-s1
                Protected: yes
                Status: install ok installed
                Priority: optional
                Section: libs
                Installed-Size: 147
                Maintainer: Debian GCC Maintainers <debian-gcc@lists.debian.org>
                Architecture: arm64
                Multi-Arch: same
                Source: gcc-12 (12.2.0-14)
                Version: 12.2.0-14+b1
                Depends: gcc-12-base (= 12.2.0-14), libc6 (>= 2.35)
                Description: GCC support library
                 Shared version of the support library, a library of internal subroutines
                 .
                 that GCC uses to overcome shortcomings of particular machines.
                Homepage: http://gcc.gnu.org/

                """);
        assertThat(r.warnings()).isEmpty();
        assertThat(r.packages()).containsExactly(new DpkgPackage("libgcc-s1", "12.2.0-14+b1", "arm64", "gcc-12",
                "12.2.0-14", "Debian GCC Maintainers <debian-gcc@lists.debian.org>", 147, "same",
                "GCC support library", "install ok installed", List.of(), 1));
    }

    @Test
    void sourceDefaultsToTheBinaryNameAndVersion() throws PackageDbException {
        ParseResult<DpkgPackage> r = parse(STATUS, """
                Package: bash
                Status: install ok installed
                Version: 5.2.15-2+b2

                Package: libacl1
                Status: install ok installed
                Source: acl
                Version: 2.3.1-3
                """);
        assertThat(r.packages()).extracting(DpkgPackage::sourceName, DpkgPackage::sourceVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bash", "5.2.15-2+b2"),
                        org.assertj.core.groups.Tuple.tuple("acl", "2.3.1-3"));
    }

    @Test
    void readsConffilesWithTheirFlags() throws PackageDbException {
        ParseResult<DpkgPackage> r = parse(STATUS, """
                Package: base-files
                Status: install ok installed
                Version: 12.4+deb12u5
                Conffiles:
                 /etc/debian_version 0123456789abcdef0123456789abcdef
                 /etc/old 0123456789abcdef0123456789abcdef obsolete
                 /etc/gone newconffile remove-on-upgrade
                 /etc/with space/file fedcba9876543210fedcba9876543210
                Description: Debian base system miscellaneous files
                """);
        assertThat(r.packages().get(0).conffiles()).containsExactly(
                new DpkgFile("/etc/debian_version", "0123456789abcdef0123456789abcdef"),
                new DpkgFile("/etc/old", "0123456789abcdef0123456789abcdef"),
                new DpkgFile("/etc/gone", "newconffile"),
                new DpkgFile("/etc/with space/file", "fedcba9876543210fedcba9876543210"));
    }

    @Test
    void aConffilesLineOfOnlyAFlagIsSkippedWithAWarning() throws PackageDbException {
        // found by OsPackageDbFuzzTest.dpkgStatus: it was a StringIndexOutOfBoundsException
        ParseResult<DpkgPackage> r = parse(STATUS, """
                Package: base-files
                Status: install ok installed
                Version: 12.4+deb12u5
                Conffiles:
                 remove-on-upgrade
                 /etc/debian_version 0123456789abcdef0123456789abcdef
                """);
        assertThat(r.packages().get(0).conffiles()).containsExactly(
                new DpkgFile("/etc/debian_version", "0123456789abcdef0123456789abcdef"));
        assertThat(r.warnings()).extracting(ParseWarning::line, ParseWarning::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5, "empty Conffiles line skipped"));
    }

    @Test
    void fieldNamesAreCaseInsensitive() throws PackageDbException {
        ParseResult<DpkgPackage> r = parse(STATUS, "package: x\nSTATUS: install ok installed\nversion: 1\n");
        assertThat(r.packages()).extracting(DpkgPackage::name, DpkgPackage::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("x", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "install ok installed, true, false",
            "hold ok installed, true, false",
            "deinstall ok installed, true, false",
            "install user installed, true, false",
            "install ok triggers-pending, true, true",
            "install ok unpacked, true, true",
            "deinstall ok config-files, false, false",
            "purge ok not-installed, false, false",
            "install reinstreq half-installed, false, false",
            "install ok sideways, false, true",
            "installed, false, true",
    })
    void statusDecidesWhetherTheFilesAreOnDisk(String status, boolean listed, boolean warned)
            throws PackageDbException {
        ParseResult<DpkgPackage> r = parse(STATUS, "Package: p\nStatus: " + status + "\nVersion: 1\n\n"
                + "Package: anchor\nStatus: install ok installed\nVersion: 1\n");
        assertThat(names(r)).isEqualTo(listed ? List.of("p", "anchor") : List.of("anchor"));
        assertThat(r.warnings()).hasSize(warned ? 1 : 0);
    }

    @Test
    void multiArchSameListsEachArchitecture() throws PackageDbException {
        ParseResult<DpkgPackage> r = parse(STATUS, """
                Package: libc6
                Status: install ok installed
                Architecture: amd64
                Multi-Arch: same
                Version: 2.36-9

                Package: libc6
                Status: install ok installed
                Architecture: i386
                Multi-Arch: same
                Version: 2.36-9
                """);
        assertThat(r.packages()).extracting(DpkgPackage::architecture).containsExactly("amd64", "i386");
    }

    @Test
    void distrolessEntriesHaveNoStatusAndCountAsInstalled() throws PackageDbException {
        String entry = "Package: libssl3\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\nSource: openssl\n";
        assertThat(names(parse(STATUS_D + "libssl3", entry))).containsExactly("libssl3");
        ParseResult<DpkgPackage> main = parse(STATUS, entry + "\nPackage: x\nStatus: install ok installed\n");
        assertThat(names(main)).containsExactly("x");
        assertThat(messages(main)).contains("package libssl3 has no Status field: skipped");
    }

    @Test
    void anEntryWithoutAVersionIsListedWithAWarning() throws PackageDbException {
        ParseResult<DpkgPackage> r = parse(STATUS_D + "x", "Package: no-version\n");
        assertThat(r.packages()).extracting(DpkgPackage::version).containsExactly("");
        assertThat(r.warnings()).containsExactly(new ParseWarning(STATUS_D + "x", 1, "package no-version has no Version"));
    }

    @Test
    void blankContentIsAnEmptyDatabase() throws PackageDbException {
        for (String blank : List.of("", "\n", "\n\n  \n\t\n")) {
            ParseResult<DpkgPackage> r = parse(STATUS, blank);
            assertThat(r.packages()).isEmpty();
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void aDatabaseOfRemovedPackagesIsEmptyNotAnError() throws PackageDbException {
        ParseResult<DpkgPackage> r = parse(STATUS, "Package: gone\nStatus: deinstall ok config-files\nVersion: 1\n");
        assertThat(r.packages()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void contentWithNoEntryIsAnError() {
        assertThatThrownBy(() -> parse(STATUS, "this is not a status file\nat all\n"))
                .isInstanceOfSatisfying(PackageDbException.class, e -> {
                    assertThat(e.file()).isEqualTo(STATUS);
                    assertThat(e.reason()).startsWith("no dpkg entry with a Package name")
                            .contains(STATUS + ":1: not a 'Field: value' line");
                    assertThat(e).hasMessageStartingWith(STATUS + ": ");
                });
        assertThatThrownBy(() -> parse(STATUS, "Package:\n\nVersion: 1\n")).isInstanceOf(PackageDbException.class);
    }

    @Test
    void aVcpkgDatabaseIsNotTakenForDpkg() {
        assertThatThrownBy(() -> parse("/opt/vcpkg/installed/vcpkg/status", """
                Package: zlib
                Version: 1.2.11-6
                Architecture: x64-windows
                Type: Port
                Status: install ok installed

                Package: curl
                Feature: ssl
                Architecture: x64-windows
                Type: Port
                Status: install ok installed
                """)).isInstanceOfSatisfying(PackageDbException.class,
                e -> assertThat(e.reason()).contains("vcpkg"));
    }

    @Test
    void warnsAboutBrokenLinesAndKeepsReading() throws PackageDbException {
        ParseResult<DpkgPackage> r = parse(STATUS, """
                 stray continuation
                Package: a
                Status: install ok installed
                this line has no colon
                Version: 1
                Version: 2

                Package: b
                Status: install ok installed
                Version: 3
                """);
        assertThat(r.packages()).extracting(DpkgPackage::name, DpkgPackage::version).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "1"), org.assertj.core.groups.Tuple.tuple("b", "3"));
        assertThat(r.warnings()).extracting(ParseWarning::line).containsExactly(1, 4, 6);
        assertThat(messages(r)).containsExactly("continuation line with no field above it skipped",
                "not a 'Field: value' line: skipped", "duplicate Version field: the first one is kept");
    }

    @Test
    void warnsWhenTheFileStopsMidLine() throws PackageDbException {
        ParseResult<DpkgPackage> r = parse(STATUS, "Package: a\nStatus: install ok installed\nVersion: 1.2");
        assertThat(r.packages()).extracting(DpkgPackage::version).containsExactly("1.2");
        assertThat(r.warnings()).containsExactly(new ParseWarning(STATUS, 3,
                "file ends without a newline: the last entry may be truncated"));
    }

    @Test
    void readsCrlfLineEnds() throws PackageDbException {
        ParseResult<DpkgPackage> r = parse(STATUS,
                "Package: a\r\nStatus: install ok installed\r\nVersion: 1\r\n\r\nPackage: b\r\nStatus: install ok installed\r\nVersion: 2\r\n");
        assertThat(r.packages()).extracting(DpkgPackage::name, DpkgPackage::version).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "1"), org.assertj.core.groups.Tuple.tuple("b", "2"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "4064, 4064",
            "4KB, 4",
            "10kib, 10",
            "1 mb, 977",
            "2 MiB, 2048",
            "'', -1",
            "bla, -1",
            "1bla, -1",
            "99999999999999999999999, -1",
    })
    void installedSizeIsInKib(String value, long kib) throws PackageDbException {
        ParseResult<DpkgPackage> r = parse(STATUS_D + "x", "Package: x\nVersion: 1\nInstalled-Size: " + value + "\n");
        assertThat(r.packages().get(0).installedSizeKib()).isEqualTo(kib);
    }

    @Test
    void capsTheWarningsOfABinaryFile() {
        StringBuilder junk = new StringBuilder("Package: a\nVersion: 1\n");
        for (int i = 0; i < 10_000; i++) {
            junk.append("junk ").append(i).append('\n');
        }
        ParseResult<DpkgPackage> r;
        try {
            r = parse(STATUS_D + "a", junk.toString());
        } catch (PackageDbException e) {
            throw new AssertionError(e);
        }
        assertThat(r.packages()).hasSize(1);
        assertThat(r.warnings()).hasSize(101);
        assertThat(r.warnings().get(100).message()).isEqualTo("9900 more warnings not shown");
    }

    @Test
    void tellsStatusDEntriesFromTheFilesBesideThem() {
        assertThat(DpkgStatusParser.isStatusDEntry("/var/lib/dpkg/status.d/libsqlite3-0")).isTrue();
        assertThat(DpkgStatusParser.isStatusDEntry("/var/lib/dpkg/status.d/libpython3.11")).isTrue();
        assertThat(DpkgStatusParser.isStatusDEntry("/var/lib/dpkg/status.d/libsqlite3-0.md5sums")).isFalse();
        assertThat(DpkgStatusParser.isStatusDEntry("/var/lib/dpkg/status.d/libsqlite3-0.preinst")).isFalse();
        assertThat(DpkgStatusParser.isStatusDEntry("/var/lib/dpkg/status.d/.hidden")).isFalse();
        assertThat(DpkgStatusParser.isStatusDEntry("/var/lib/dpkg/status")).isFalse();
        assertThat(DpkgStatusParser.isStatusDEntry("/var/lib/dpkg/status.d/sub/x")).isFalse();
    }
}
