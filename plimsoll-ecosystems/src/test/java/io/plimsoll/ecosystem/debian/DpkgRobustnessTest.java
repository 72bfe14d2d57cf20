package io.plimsoll.ecosystem.debian;

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

/** Truncated, corrupted, random and very large status files: packages where they can be read, never a crash. */
class DpkgRobustnessTest {

    static final String STATUS = "/var/lib/dpkg/status";

    static byte[] texlive() throws IOException {
        return Files.readAllBytes(SharedCorpus.require(DpkgCorpusTest.CLAIRCORE + "texlive.status"));
    }

    /** Parses, turning the one documented failure into an empty result so callers can check the rest. */
    static ParseResult<DpkgPackage> parseOrEmpty(byte[] content) {
        try {
            return DpkgStatusParser.parse(STATUS, content);
        } catch (PackageDbException e) {
            assertThat(e.file()).isEqualTo(STATUS);
            return new ParseResult<>(List.of(), List.of());
        }
    }

    @Test
    void aTruncatedFileGivesTheEntriesBeforeTheCut() throws IOException {
        byte[] whole = texlive();
        List<DpkgPackage> all = DpkgStatusParser.parse(STATUS, whole).packages();
        Random random = new Random(1);
        for (int i = 0; i < 400; i++) {
            int cut = random.nextInt(whole.length);
            byte[] prefix = Arrays.copyOf(whole, cut);
            ParseResult<DpkgPackage> r = parseOrEmpty(prefix);
            List<DpkgPackage> got = r.packages();
            assertThat(got.size()).isLessThanOrEqualTo(all.size());
            // Every entry but the last is complete, so equal to the whole file's; the last may be cut short.
            if (got.size() > 1) {
                assertThat(got.subList(0, got.size() - 1)).isEqualTo(all.subList(0, got.size() - 1));
            }
            if (cut > 0 && prefix[cut - 1] != '\n' && !got.isEmpty()) {
                assertThat(r.warnings()).extracting(ParseWarning::message)
                        .contains("file ends without a newline: the last entry may be truncated");
                assertThat(r.warnings()).allSatisfy(w -> assertThat(w.file()).isEqualTo(STATUS));
            }
        }
    }

    @Test
    void aCutAtAnEntryBoundaryLosesNothingBeforeIt() throws IOException {
        byte[] whole = texlive();
        List<DpkgPackage> all = DpkgStatusParser.parse(STATUS, whole).packages();
        String text = new String(whole, StandardCharsets.UTF_8);
        int boundary = text.indexOf("\n\n", text.length() / 2) + 2;
        int before = (int) text.substring(0, boundary).lines().filter(l -> l.startsWith("Package: ")).count();
        ParseResult<DpkgPackage> r = DpkgStatusParser.parse(STATUS, text.substring(0, boundary)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.packages()).isEqualTo(all.subList(0, before));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void garbageInTheMiddleCostsOnlyTheEntriesItHits() throws IOException {
        byte[] whole = texlive();
        int total = DpkgStatusParser.parse(STATUS, whole).packages().size();
        Random random = new Random(2);
        for (int i = 0; i < 20; i++) {
            byte[] damaged = whole.clone();
            int at = random.nextInt(whole.length - 8192);
            byte[] junk = new byte[4096];
            random.nextBytes(junk);
            System.arraycopy(junk, 0, damaged, at, junk.length);
            ParseResult<DpkgPackage> r = DpkgStatusParser.parse(STATUS, damaged);
            // texlive entries average ~1.3 KB: 4 KB of junk spans at most a handful of them.
            assertThat(r.packages().size()).isBetween(total - 8, total + 8);
        }
    }

    @Test
    void randomBytesNeverThrowAnythingElse() {
        Random random = new Random(3);
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[random.nextInt(1 << 16)];
            random.nextBytes(junk);
            if (i % 3 == 0) {
                // Make some of it line-shaped, so the field and continuation paths are exercised too.
                for (int j = 0; j < junk.length; j += 1 + random.nextInt(40)) {
                    junk[j] = (byte) "\n: \t".charAt(random.nextInt(4));
                }
            }
            ParseResult<DpkgPackage> r = parseOrEmpty(junk);
            assertThat(r.warnings()).hasSizeLessThanOrEqualTo(101);
        }
    }

    @Test
    void fiveThousandPackages() throws IOException {
        byte[] big = syntheticStatus(5000);
        ParseResult<DpkgPackage> r = DpkgStatusParser.parse(STATUS, big);
        assertThat(r.packages()).hasSize(5000);
        assertThat(r.packages().get(4999).name()).endsWith("-4999");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void hugeLinesAndHugeFieldsStayLinear() throws PackageDbException {
        byte[] oneLine = new byte[20 << 20];
        Arrays.fill(oneLine, (byte) 'x');
        assertThat(parseOrEmpty(oneLine).packages()).isEmpty();

        StringBuilder conffiles = new StringBuilder("Package: big\nStatus: install ok installed\nVersion: 1\n"
                + "Conffiles:\n");
        for (int i = 0; i < 200_000; i++) {
            conffiles.append(" /etc/big/").append(i).append(" 0123456789abcdef0123456789abcdef\n");
        }
        conffiles.append("Description: ").append("d".repeat(1 << 20)).append('\n');
        ParseResult<DpkgPackage> r = DpkgStatusParser.parse(STATUS, conffiles.toString()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.packages()).singleElement().satisfies(p -> assertThat(p.conffiles()).hasSize(200_000));
    }

    /** {@code n} real texlive entries, renamed so each is distinct: about the size of a big image's status. */
    static byte[] syntheticStatus(int n) throws IOException {
        String[] entries = new String(texlive(), StandardCharsets.UTF_8).split("\n\n");
        StringBuilder out = new StringBuilder(n * 1600);
        for (int i = 0; i < n; i++) {
            String e = entries[i % entries.length].strip();
            int nl = e.indexOf('\n');
            out.append(e, 0, nl).append('-').append(i).append(e, nl, e.length()).append("\n\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
