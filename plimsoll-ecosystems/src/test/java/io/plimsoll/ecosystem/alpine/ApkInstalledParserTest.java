package io.plimsoll.ecosystem.alpine;

import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarning;
import io.plimsoll.image.testing.SharedCorpus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * {@code /lib/apk/db/installed}: syft's fixtures (read in place) against its parse_apk_db_test.go and
 * cataloger_test.go expectations, plus hand-made cases and damaged input.
 */
class ApkInstalledParserTest {

    static final String DB = "/lib/apk/db/installed";
    static final String SYFT = "corpus/syft/syft/pkg/cataloger/alpine/testdata/";

    static ParseResult<ApkPackage> parse(String text) throws PackageDbException {
        return ApkInstalledParser.parse(DB, text.getBytes(StandardCharsets.UTF_8));
    }

    static ParseResult<ApkPackage> corpus(String fixture) throws IOException {
        return ApkInstalledParser.parse(DB, Files.readAllBytes(SharedCorpus.require(SYFT + fixture)));
    }

    static List<String> names(ParseResult<ApkPackage> r) {
        return r.packages().stream().map(ApkPackage::name).toList();
    }

    @Test
    void syftSingle() throws IOException {
        ParseResult<ApkPackage> r = corpus("single");
        assertThat(r.packages()).singleElement().satisfies(p -> {
            assertThat(p).extracting(ApkPackage::name, ApkPackage::version, ApkPackage::arch, ApkPackage::origin,
                    ApkPackage::license, ApkPackage::maintainer, ApkPackage::commit, ApkPackage::buildTime,
                    ApkPackage::installedSize).containsExactly("musl-utils", "1.1.24-r2", "x86_64", "musl",
                    "MIT BSD GPL2+", "Timo Teräs <timo.teras@iki.fi>", "4024cc3b29ad4c65544ad068b8f59172b5494306",
                    1584790550L, 151552L);
            assertThat(p.files()).containsExactly(
                    new ApkFile("/sbin/ldconfig", "Q1Kja2+POZKxEkUOZqwSjC6kmaED4="),
                    new ApkFile("/usr/bin/iconv", "Q1CVmFbdY+Hv6/jAHl1gec2Kbx1EY="),
                    new ApkFile("/usr/bin/ldd", "Q1yFAhGggmL7ERgbIA7KQxyTzf3ks="),
                    new ApkFile("/usr/bin/getconf", "Q1dAdYK8M/INibRQF5B3Rw7cmNDDA="),
                    new ApkFile("/usr/bin/getent", "Q1eR2Dz/WylabgbWMTkd2+hGmEya4="));
        });
        // The fixture stops without a final newline.
        assertThat(r.warnings()).extracting(ParseWarning::message)
                .containsExactly("file ends without a newline: the last entry may be truncated");
    }

    @Test
    void syftEmptyDependsAndProvides() throws IOException {
        ParseResult<ApkPackage> r = corpus("empty-deps-and-provides");
        assertThat(r.packages()).singleElement().satisfies(p -> {
            assertThat(p).extracting(ApkPackage::name, ApkPackage::version, ApkPackage::origin, ApkPackage::license,
                    ApkPackage::maintainer, ApkPackage::commit).containsExactly("alpine-baselayout-data", "3.4.0-r0",
                    "alpine-baselayout", "GPL-2.0-only", "Natanael Copa <ncopa@alpinelinux.org>",
                    "bd965a7ebf7fd8f07d7a0cc0d7375bf3e4eb9b24");
            assertThat(p.files()).extracting(ApkFile::path).containsExactly("/etc/fstab", "/etc/group",
                    "/etc/hostname", "/etc/hosts", "/etc/inittab", "/etc/modules", "/etc/mtab", "/etc/nsswitch.conf",
                    "/etc/passwd", "/etc/profile", "/etc/protocols", "/etc/services", "/etc/shadow", "/etc/shells",
                    "/etc/sysctl.conf");
            assertThat(p.files()).extracting(ApkFile::checksum).containsOnly("");
        });
    }

    /** The checksum inside an {@code a:} line is not the file's; the {@code Z:} line is. */
    @Test
    void syftExtraFileAttributes() throws IOException {
        assertThat(corpus("extra-file-attributes").packages()).singleElement()
                .satisfies(p -> assertThat(p.files()).containsExactly(new ApkFile(
                        "/usr/lib/jvm/java-1.8-openjdk/bin/policytool", "Q1M0C9qfC/+kdRiOodeihG2GMRtkE=")));
    }

    @Test
    void syftBase() throws IOException {
        ParseResult<ApkPackage> r = corpus("base");
        assertThat(r.packages()).singleElement().satisfies(p -> {
            assertThat(p).extracting(ApkPackage::name, ApkPackage::version, ApkPackage::origin, ApkPackage::license,
                    ApkPackage::installedSize).containsExactly("alpine-baselayout", "3.2.0-r6", "alpine-baselayout",
                    "GPL-2.0-only", 409600L);
            assertThat(p.files()).hasSize(27).contains(
                    new ApkFile("/etc/fstab", "Q11Q7hNe8QpDS531guqCdrXBzoA/o="),
                    new ApkFile("/var/spool/mail", "Q1dzbdazYZA2nTzSIG3YyNw7d4Juc="),
                    new ApkFile("/var/spool/cron/crontabs", "Q1OFZt+ZMp7j0Gny0rqSKuWJyqYmA="));
            assertThat(p.files()).extracting(ApkFile::path).doesNotContain("/var/tmp", "/etc");
        });
    }

    @Test
    void syftMultiple() throws IOException {
        assertThat(corpus("multiple-1/lib/apk/db/installed").packages())
                .extracting(ApkPackage::name, ApkPackage::version).containsExactly(
                        tuple("bash", "5.2.21-r0"), tuple("busybox-binsh", "1.36.1-r15"),
                        tuple("musl", "1.2.4_git20230717-r4"), tuple("readline", "8.2.1-r2"));
        ParseResult<ApkPackage> two = corpus("multiple-2/lib/apk/db/installed");
        assertThat(names(two)).containsExactly("alpine-baselayout-data", "musl", "busybox", "alpine-baselayout",
                "alpine-keys", "ca-certificates-bundle", "libcrypto1.1", "libssl1.1", "ssl_client", "zlib",
                "apk-tools", "scanelf", "musl-utils", "libc-utils");
        assertThat(two.warnings()).isEmpty();
        assertThat(two.packages()).filteredOn(p -> p.name().equals("libssl1.1")).extracting(ApkPackage::origin)
                .containsExactly("openssl");
    }

    /** syft fails on this file; the package after the junk line is still readable, so we give it with a warning. */
    @Test
    void syftCorruptKeepsWhatCanBeRead() throws IOException {
        ParseResult<ApkPackage> r = corpus("corrupt/lib/apk/db/installed");
        assertThat(r.packages()).extracting(ApkPackage::name, ApkPackage::version)
                .containsExactly(tuple("alpine-baselayout-data", "3.2.0-r22"));
        assertThat(r.warnings()).containsExactly(new ParseWarning(DB, 1, "not an 'X:value' line: skipped"));
    }

    @Test
    void syftGlobPathsHoldsNoDatabase() throws IOException {
        byte[] bogus = Files.readAllBytes(SharedCorpus.require(SYFT + "glob-paths/lib/apk/db/installed"));
        assertThatThrownBy(() -> ApkInstalledParser.parse(DB, bogus))
                .isInstanceOfSatisfying(PackageDbException.class, e -> {
                    assertThat(e.file()).isEqualTo(DB);
                    assertThat(e.reason()).startsWith("no apk entry with a P: name");
                });
    }

    @Test
    void joinsFilesToTheirDirectoryAndSkipsDirectoryChecksums() throws PackageDbException {
        ParseResult<ApkPackage> r = parse("""
                P:x
                V:1-r0
                F:
                R:at-root
                F:usr/bin/
                M:0:0:755
                Z:Q1notAFileChecksum=
                R:tool
                a:0:0:755
                Z:Q1tool=
                R:name with spaces\s
                """);
        assertThat(r.packages().get(0).files()).containsExactly(new ApkFile("/at-root", ""),
                new ApkFile("/usr/bin/tool", "Q1tool="), new ApkFile("/usr/bin/name with spaces ", ""));
    }

    @Test
    void originDefaultsToTheName() throws PackageDbException {
        assertThat(parse("P:x\nV:1-r0\n").packages().get(0).origin()).isEqualTo("x");
    }

    @Test
    void warnsAboutFilesOutsideADirectoryAndBadNumbers() throws PackageDbException {
        ParseResult<ApkPackage> r = parse("P:x\nV:1-r0\nR:orphan\nt:soon\nI:12\n");
        ApkPackage p = r.packages().get(0);
        assertThat(p.files()).isEmpty();
        assertThat(p.buildTime()).isEqualTo(-1);
        assertThat(p.installedSize()).isEqualTo(12);
        assertThat(r.warnings()).extracting(w -> w.line() + " " + w.message()).containsExactly(
                "3 R:orphan before any F: directory: skipped", "4 unreadable t: value 'soon'");
    }

    @Test
    void aMissingBlankLineDoesNotLoseAPackage() throws PackageDbException {
        ParseResult<ApkPackage> r = parse("P:a\nV:1-r0\nF:usr\nR:a\nP:b\nV:2-r0\nF:usr\nR:b\n");
        assertThat(r.packages()).extracting(ApkPackage::name, ApkPackage::version, p -> p.files().size())
                .containsExactly(tuple("a", "1-r0", 1), tuple("b", "2-r0", 1));
        assertThat(r.packages().get(1).line()).isEqualTo(5);
        assertThat(r.warnings()).hasSize(1);
    }

    @Test
    void anEntryWithoutAVersionIsListedWithAWarning() throws PackageDbException {
        ParseResult<ApkPackage> r = parse("P:a\nV:1-r0\n\nP:b\nA:x86_64\n");
        assertThat(r.packages()).extracting(ApkPackage::version).containsExactly("1-r0", "");
        assertThat(r.warnings()).containsExactly(new ParseWarning(DB, 4, "package b has no V: version"));
    }

    @Test
    void entriesWithoutANameAreSkipped() throws PackageDbException {
        ParseResult<ApkPackage> r = parse("V:1-r0\nA:x86_64\n\nP:b\nV:2\n");
        assertThat(names(r)).containsExactly("b");
        assertThat(r.warnings()).containsExactly(new ParseWarning(DB, 1, "entry without a P: name skipped"));
    }

    @Test
    void blankIsEmptyAndJunkIsAnError() throws PackageDbException {
        assertThat(parse("\n\n").packages()).isEmpty();
        assertThat(parse("").warnings()).isEmpty();
        assertThatThrownBy(() -> parse("V:1\n\nnot apk\n")).isInstanceOf(PackageDbException.class);
    }

    @Test
    void readsCrlfAndLongValues() throws PackageDbException {
        String description = "a".repeat(70 * 1024);
        ParseResult<ApkPackage> r = parse("P:large\r\nV:1.0-r0\r\nT:" + description + "\r\nL:MIT\r\n\r\n");
        assertThat(r.packages()).extracting(ApkPackage::name, ApkPackage::license)
                .containsExactly(tuple("large", "MIT"));
    }

    @Test
    void truncationAndRandomBytesNeverThrowAnythingElse() throws IOException {
        byte[] whole = Files.readAllBytes(SharedCorpus.require(SYFT + "multiple-2/lib/apk/db/installed"));
        List<ApkPackage> all = ApkInstalledParser.parse(DB, whole).packages();
        for (int cut = 0; cut < whole.length; cut += 7) {
            List<ApkPackage> got = parseOrEmpty(Arrays.copyOf(whole, cut)).packages();
            assertThat(got.size()).isLessThanOrEqualTo(all.size());
            if (got.size() > 1) {
                assertThat(got.subList(0, got.size() - 1)).isEqualTo(all.subList(0, got.size() - 1));
            }
        }
        Random random = new Random(4);
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[random.nextInt(1 << 16)];
            random.nextBytes(junk);
            if (i % 2 == 0) {
                for (int j = 1; j < junk.length; j += 2 + random.nextInt(30)) {
                    junk[j] = (byte) (random.nextBoolean() ? ':' : '\n');
                }
            }
            assertThat(parseOrEmpty(junk).warnings()).hasSizeLessThanOrEqualTo(101);
        }
    }

    @Test
    void aLargeDatabaseIsOnePass() throws PackageDbException {
        StringBuilder db = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            db.append("P:pkg-").append(i).append("\nV:1.").append(i).append("-r0\nA:x86_64\no:origin\nF:usr/lib\n");
            for (int f = 0; f < 20; f++) {
                db.append("R:lib").append(f).append(".so\na:0:0:755\nZ:Q1abc=\n");
            }
            db.append('\n');
        }
        ParseResult<ApkPackage> r = parse(db.toString());
        assertThat(r.packages()).hasSize(5000);
        assertThat(r.packages().get(4999).files()).hasSize(20);
    }

    private static ParseResult<ApkPackage> parseOrEmpty(byte[] content) {
        try {
            return ApkInstalledParser.parse(DB, content);
        } catch (PackageDbException e) {
            return new ParseResult<>(List.of(), List.of());
        }
    }
}
