package io.plimsoll.ecosystem.testing;

import io.plimsoll.model.version.VersionScheme;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checker itself must be able to fail, and must name every disagreement when it does. */
class VersionVectorsTest {

    /** Plain string order: right for some inputs, wrong for others. */
    private static final VersionScheme LEXICAL = new VersionScheme() {
        @Override
        public String name() {
            return "lexical";
        }

        @Override
        public int compare(String a, String b) {
            return a.compareTo(b);
        }

        @Override
        public boolean isValid(String version) {
            return !version.isEmpty();
        }
    };

    /** Always answers "less": breaks antisymmetry even where the forward answer is right. */
    private static final VersionScheme ALWAYS_LESS = new VersionScheme() {
        @Override
        public String name() {
            return "always-less";
        }

        @Override
        public int compare(String a, String b) {
            return -1;
        }

        @Override
        public boolean isValid(String version) {
            return true;
        }
    };

    @Test
    void readsLinesSkippingCommentsAndBlanks() throws IOException {
        List<VersionVector> vectors = read("# header\n1.0\t2.0\t-1\n\n2.0\t1.0\t1\t# why\n1\t1\t0\n");

        assertThat(vectors).containsExactly(
                new VersionVector("t.tsv:2", "1.0", "2.0", -1),
                new VersionVector("t.tsv:4", "2.0", "1.0", 1),
                new VersionVector("t.tsv:5", "1", "1", 0));
    }

    @Test
    void rejectsMalformedLines() {
        assertThatThrownBy(() -> read("1.0 2.0 -1\n")).hasMessageContaining("t.tsv:1");
        assertThatThrownBy(() -> read("1.0\t2.0\tless\n")).hasMessageContaining("t.tsv:1");
        assertThatThrownBy(() -> read("1.0\t2.0\t2\n")).hasMessageContaining("t.tsv:1");
    }

    @Test
    void listsEveryDisagreementInOneFailure() throws IOException {
        List<VersionVector> vectors = read("1.9\t1.10\t-1\n1.0\t1.1\t-1\n2.9\t2.10\t-1\n");

        assertThatThrownBy(() -> VersionVectors.assertAgreement(LEXICAL, vectors))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("2 of 3 vectors disagree")
                .hasMessageContaining("t.tsv:1: compare(1.9, 1.10) = 1, expected -1; "
                        + "compare(1.10, 1.9) = -1, expected 1 (antisymmetry)")
                .hasMessageContaining("t.tsv:3: compare(2.9, 2.10) = 1, expected -1")
                .hasMessageNotContaining("t.tsv:2");
    }

    @Test
    void catchesBrokenAntisymmetry() throws IOException {
        List<VersionVector> vectors = read("1\t2\t-1\n");

        assertThatThrownBy(() -> VersionVectors.assertAgreement(ALWAYS_LESS, vectors))
                .hasMessageContaining("t.tsv:1: compare(2, 1) = -1, expected 1 (antisymmetry)")
                .hasMessageNotContaining("compare(1, 2)");
    }

    @Test
    void refusesToPassOnNoVectors() {
        assertThatThrownBy(() -> VersionVectors.assertAgreement(LEXICAL, List.of()))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void listsEveryRejectedVersion() {
        assertThatThrownBy(() -> VersionVectors.assertAllValid(LEXICAL, "here", List.of("1", "", "2")))
                .hasMessageContaining("rejects 1 of 3 versions from here");
    }

    private static List<VersionVector> read(String text) throws IOException {
        return VersionVectors.read("t.tsv", new BufferedReader(new StringReader(text)));
    }
}
