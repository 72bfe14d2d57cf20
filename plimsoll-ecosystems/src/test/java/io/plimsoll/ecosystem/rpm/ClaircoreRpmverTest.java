package io.plimsoll.ecosystem.rpm;

import io.plimsoll.image.testing.SharedCorpus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rpm cases claircore keeps in internal/rpmver/testdata, read in place:
 * <ul>
 *   <li>{@code rpmvercmp}: {@code a op b} lines for the segment comparison alone (many ported from rpm's own
 *   tests/rpmvercmp.at);</li>
 *   <li>{@code compare}: the same form over whole NEVRA strings; only the lines whose both sides are bare
 *   {@code [E:]V[-R]} apply to a version scheme, the rest order package names and arches;</li>
 *   <li>{@code parse}: {@code input name epoch version release arch}, quotes marking an absent part; the lines
 *   without a name or arch are EVR splits.</li>
 * </ul>
 */
class ClaircoreRpmverTest {

    private static final String DIR = "corpus/claircore/internal/rpmver/testdata/";

    /** At most one hyphen and a colon only after leading digits: no room for a name. */
    private static final Pattern BARE_EVR = Pattern.compile("(\\d*:)?[^-:]+(-[^-:]+)?");

    @Test
    void rpmvercmpAgreesWithEveryCase() throws IOException {
        List<String[]> cases = comparisons(SharedCorpus.require(DIR + "rpmvercmp"));

        List<String> disagreements = new ArrayList<>();
        for (String[] c : cases) {
            check(disagreements, c, Rpmvercmp.compare(c[1], c[3]), Rpmvercmp.compare(c[3], c[1]));
        }
        assertThat(cases).hasSizeGreaterThan(100);
        assertThat(disagreements).as("rpmvercmp disagrees on %d of %d claircore cases", disagreements.size(),
                cases.size()).isEmpty();
    }

    @Test
    void schemeAgreesWithEveryBareEvrComparison() throws IOException {
        List<String[]> cases = comparisons(SharedCorpus.require(DIR + "compare")).stream()
                .filter(c -> BARE_EVR.matcher(c[1]).matches() && BARE_EVR.matcher(c[3]).matches())
                .toList();

        RpmVersionScheme scheme = new RpmVersionScheme();
        List<String> disagreements = new ArrayList<>();
        for (String[] c : cases) {
            check(disagreements, c, scheme.compare(c[1], c[3]), scheme.compare(c[3], c[1]));
        }
        assertThat(cases).as("bare EVR lines in claircore's compare file").isNotEmpty();
        assertThat(disagreements).as("rpm scheme disagrees on %d of %d claircore cases", disagreements.size(),
                cases.size()).isEmpty();
    }

    @Test
    void evrSplitAgreesWithEveryNamelessParseCase() throws IOException {
        List<String[]> rows = rows(SharedCorpus.require(DIR + "parse")).stream()
                .filter(r -> r.length == 7 && unquote(r[2]) == null && unquote(r[6]) == null)
                .toList();

        assertThat(rows).as("parse lines without name and arch").isNotEmpty();
        for (String[] r : rows) {
            assertThat(Evr.parse(r[1])).as(r[0]).isEqualTo(new Evr(unquote(r[3]), r[4], unquote(r[5])));
        }
    }

    private static void check(List<String> disagreements, String[] c, int forward, int backward) {
        int expected = switch (c[2]) {
            case "<" -> -1;
            case ">" -> 1;
            case "==" -> 0;
            default -> throw new IllegalArgumentException(c[0] + ": unknown operator " + c[2]);
        };
        if (Integer.signum(forward) != expected || Integer.signum(backward) != -expected) {
            disagreements.add(String.format("%s: %s %s %s, got %d and reversed %d", c[0], c[1], c[2], c[3],
                    forward, backward));
        }
    }

    /** {@code a op b} lines as {where, a, op, b}. */
    private static List<String[]> comparisons(Path file) throws IOException {
        List<String[]> cases = new ArrayList<>();
        for (String[] r : rows(file)) {
            if (r.length != 4) {
                throw new IllegalArgumentException(r[0] + ": expected `a op b`");
            }
            cases.add(r);
        }
        return cases;
    }

    /** Whitespace-separated fields of each non-comment line, after a first field holding file:line. */
    private static List<String[]> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            String[] row = new String[fields.length + 1];
            row[0] = file.getFileName() + ":" + (i + 1);
            System.arraycopy(fields, 0, row, 1, fields.length);
            rows.add(row);
        }
        return rows;
    }

    private static String unquote(String field) {
        return field.equals("''") || field.equals("\"\"") ? null : field;
    }
}
