package io.plimsoll.ecosystem.debian;

import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseWarning;
import io.plimsoll.image.testing.SharedCorpus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DpkgInfoParserTest {

    static final String SYFT = DpkgCorpusTest.SYFT;

    static DpkgInfoFile parse(String file, String text) throws PackageDbException {
        return DpkgInfoParser.parse(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static DpkgInfoFile corpus(String corpusFile, String imagePath) throws IOException {
        return DpkgInfoParser.parse(imagePath, Files.readAllBytes(SharedCorpus.require(SYFT + corpusFile)));
    }

    /** syft's TestMD5SumInfoParsing: the paths gain their leading slash. */
    @Test
    void syftZlibMd5sums() throws IOException {
        DpkgInfoFile f = corpus("info/zlib1g.md5sums", "/var/lib/dpkg/info/zlib1g.md5sums");
        assertThat(f.packageName()).isEqualTo("zlib1g");
        assertThat(f.architecture()).isEmpty();
        assertThat(f.kind()).isEqualTo(DpkgInfoFile.Kind.MD5SUMS);
        assertThat(f.files()).containsExactly(
                new DpkgFile("/lib/x86_64-linux-gnu/libz.so.1.2.11", "55f905631797551d4d936a34c7e73474"),
                new DpkgFile("/usr/share/doc/zlib1g/changelog.Debian.gz", "cede84bda30d2380217f97753c8ccf3a"),
                new DpkgFile("/usr/share/doc/zlib1g/changelog.gz", "f3c9dafa6da7992c47328b4464f6d122"),
                new DpkgFile("/usr/share/doc/zlib1g/copyright", "a4fae96070439a5209a62ae5b8017ab2"));
        assertThat(f.warnings()).isEmpty();
    }

    /** syft's TestConffileInfoParsing. */
    @Test
    void syftUtilLinuxConffiles() throws IOException {
        DpkgInfoFile f = corpus("info/util-linux.conffiles", "/var/lib/dpkg/info/util-linux.conffiles");
        assertThat(f.kind()).isEqualTo(DpkgInfoFile.Kind.CONFFILES);
        assertThat(f.files()).extracting(DpkgFile::path).containsExactly("/etc/default/hwclock",
                "/etc/init.d/hwclock.sh", "/etc/pam.d/runuser", "/etc/pam.d/runuser-l", "/etc/pam.d/su",
                "/etc/pam.d/su-l");
    }

    /** syft's distroless cataloger case: the md5sums live beside the entry in status.d. */
    @Test
    void syftDistrolessMd5sums() throws IOException {
        DpkgInfoFile f = corpus("image-distroless-deb/var/lib/dpkg/status.d/libsqlite3-0.md5sums",
                "/var/lib/dpkg/status.d/libsqlite3-0.md5sums");
        assertThat(f.packageName()).isEqualTo("libsqlite3-0");
        assertThat(f.files()).extracting(DpkgFile::path, DpkgFile::md5).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/usr/lib/aarch64-linux-gnu/libsqlite3.so.0.8.6",
                        "e11d70c96979a1328ae4e7e50542782b"),
                org.assertj.core.groups.Tuple.tuple("/usr/share/doc/libsqlite3-0/README.Debian",
                        "9d8facc2fa9d2df52f1c7cb4e5fa4741"),
                org.assertj.core.groups.Tuple.tuple("/usr/share/doc/libsqlite3-0/changelog.Debian.gz",
                        "a58942e742f5056be0595e6ba69a323f"),
                org.assertj.core.groups.Tuple.tuple("/usr/share/doc/libsqlite3-0/changelog.gz",
                        "52317be84c3ca44b7888c6921131e37d"),
                org.assertj.core.groups.Tuple.tuple("/usr/share/doc/libsqlite3-0/changelog.html.gz",
                        "a856310354e6c8768e85b39ae838dd0a"),
                org.assertj.core.groups.Tuple.tuple("/usr/share/doc/libsqlite3-0/copyright",
                        "be64db3e095486e5e105652c51199358"));
    }

    @Test
    void everyCorpusInfoFileParses() throws IOException {
        for (String dir : List.of("image-dpkg/var/lib/dpkg/info/", "glob-paths/usr/lib/dpkg/info/")) {
            assertThat(corpus(dir + "libpam-runtime.md5sums", "/var/lib/dpkg/info/libpam-runtime.md5sums").files())
                    .hasSize(4);
            assertThat(corpus(dir + "libpam-runtime.conffiles", "/var/lib/dpkg/info/libpam-runtime.conffiles")
                    .files()).extracting(DpkgFile::path).containsExactly("/etc/pam.conf", "/etc/pam.d/other");
        }
    }

    @Test
    void readsAnArchQualifiedListDroppingTheRootEntry() throws PackageDbException {
        DpkgInfoFile f = parse("/var/lib/dpkg/info/libc6:amd64.list", """
                /.
                /etc
                /etc/ld.so.conf.d
                /usr/lib/x86_64-linux-gnu/libc.so.6
                /usr/share/doc/libc6/a file with spaces
                """);
        assertThat(f.packageName()).isEqualTo("libc6");
        assertThat(f.architecture()).isEqualTo("amd64");
        assertThat(f.kind()).isEqualTo(DpkgInfoFile.Kind.LIST);
        assertThat(f.files()).extracting(DpkgFile::path).containsExactly("/etc", "/etc/ld.so.conf.d",
                "/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/share/doc/libc6/a file with spaces");
        assertThat(f.files()).extracting(DpkgFile::md5).containsOnly("");
    }

    @Test
    void mergesListAndMd5sums() throws PackageDbException {
        DpkgInfoFile list = parse("/var/lib/dpkg/info/zlib1g:amd64.list",
                "/.\n/usr\n/usr/lib/libz.so.1.3\n/usr/lib/libz.so.1\n");
        DpkgInfoFile md5 = parse("/var/lib/dpkg/info/zlib1g:amd64.md5sums",
                "55f905631797551d4d936a34c7e73474  usr/lib/libz.so.1.3\n"
                        + "a4fae96070439a5209a62ae5b8017ab2  usr/share/doc/zlib1g/copyright\n");
        assertThat(DpkgInfoParser.merge(list, md5)).containsExactly(
                new DpkgFile("/usr", ""),
                new DpkgFile("/usr/lib/libz.so.1.3", "55f905631797551d4d936a34c7e73474"),
                new DpkgFile("/usr/lib/libz.so.1", ""),
                new DpkgFile("/usr/share/doc/zlib1g/copyright", "a4fae96070439a5209a62ae5b8017ab2"));
    }

    @Test
    void acceptsMd5sumVariantsAndWarnsAboutBadLines() throws PackageDbException {
        DpkgInfoFile f = parse("/var/lib/dpkg/info/x.md5sums", """
                0123456789ABCDEF0123456789abcdef  usr/bin/x
                0123456789abcdef0123456789abcdef *usr/bin/binary-mode
                0123456789abcdef0123456789abcdef usr/bin/one-space
                0123456789abcdef0123456789abcdef  /already/absolute
                tooshort  usr/bin/y
                0123456789abcdef0123456789abcdef
                """);
        assertThat(f.files()).extracting(DpkgFile::path).containsExactly("/usr/bin/x", "/usr/bin/binary-mode",
                "/usr/bin/one-space", "/already/absolute");
        assertThat(f.files().get(0).md5()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(f.warnings()).extracting(ParseWarning::line).containsExactly(5, 6);
    }

    @Test
    void unusableContentIsAnErrorButBlankIsNot() throws PackageDbException {
        assertThat(parse("/var/lib/dpkg/info/x.list", "\n").files()).isEmpty();
        assertThatThrownBy(() -> parse("/var/lib/dpkg/info/x.md5sums", "garbage\nmore garbage\n"))
                .isInstanceOf(PackageDbException.class).hasMessageContaining("x.md5sums");
        assertThatThrownBy(() -> parse("/var/lib/dpkg/info/x.list", "relative/path\n"))
                .isInstanceOf(PackageDbException.class);
        assertThatThrownBy(() -> parse("/var/lib/dpkg/info/x.preinst", "#!/bin/sh\n"))
                .isInstanceOf(PackageDbException.class).hasMessageContaining("not a .list");
    }

    @Test
    void randomBytesNeverThrowAnythingElse() {
        java.util.Random random = new java.util.Random(5);
        for (String name : List.of("x.list", "x.md5sums", "x:amd64.conffiles")) {
            for (int i = 0; i < 100; i++) {
                byte[] junk = new byte[random.nextInt(1 << 15)];
                random.nextBytes(junk);
                try {
                    assertThat(DpkgInfoParser.parse("/var/lib/dpkg/info/" + name, junk).warnings())
                            .hasSizeLessThanOrEqualTo(101);
                } catch (PackageDbException expected) {
                    assertThat(expected.file()).endsWith(name);
                }
            }
        }
    }

    @Test
    void kindOfNeedsANameBeforeTheSuffix() {
        assertThat(DpkgInfoParser.kindOf("/var/lib/dpkg/info/a.list")).contains(DpkgInfoFile.Kind.LIST);
        assertThat(DpkgInfoParser.kindOf("/var/lib/dpkg/info/a:arm64.md5sums")).contains(DpkgInfoFile.Kind.MD5SUMS);
        assertThat(DpkgInfoParser.kindOf("/var/lib/dpkg/info/.list")).isEqualTo(Optional.empty());
        assertThat(DpkgInfoParser.kindOf("/var/lib/dpkg/info/a.postinst")).isEmpty();
    }
}
