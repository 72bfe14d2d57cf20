package io.plimsoll.ecosystem.java;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.ecosystem.CatalogLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A jar's pom.xml is untrusted input: a crafted one is passed over, never a stack overflow. */
class PomXmlTest {

    private static byte[] pom(String properties) {
        return ("<project><parent><groupId>org.example</groupId><version>1.2.0</version></parent>"
                + "<artifactId>demo</artifactId><properties>" + properties + "</properties>"
                + "<licenses><license><name>Apache-2.0</name></license></licenses></project>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPomInheritsGroupAndVersionFromItsParent() {
        List<String> licenses = new ArrayList<>();
        assertThat(PomXml.read(pom("<x>y</x>"), licenses)).hasValueSatisfying(m -> assertThat(m)
                .containsEntry("groupId", "org.example").containsEntry("artifactId", "demo")
                .containsEntry("version", "1.2.0"));
        assertThat(licenses).containsExactly("Apache-2.0");
    }

    @Test
    void aPropertyNested200000DeepIsPassedOverNotAStackOverflow() {
        // once read recursively by the DOM's getTextContent: a StackOverflowError that ended the scan
        int depth = 200_000;
        String nested = "<p>" + "<a>".repeat(depth) + "</a>".repeat(depth) + "</p>";
        assertThat(PomXml.read(pom(nested), new ArrayList<>())).isEmpty();
        // at the nesting limit it is still read
        int allowed = CatalogLimits.current().maxNestingDepth() - 4; // project, properties, p, then the a's
        String deepButFine = "<p>" + "<a>".repeat(allowed) + "</a>".repeat(allowed) + "</p>";
        assertThat(PomXml.read(pom(deepButFine), new ArrayList<>())).isPresent();
    }

    @Test
    void theThreadsParserIsReusedQuietlyAndStillRefusesADoctypeAfterABadPom() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(PomXml.read("<project><artifactId>cut".getBytes(StandardCharsets.UTF_8), new ArrayList<>()))
                        .isEmpty();
                assertThat(PomXml.read(("<!DOCTYPE project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<project><artifactId>&x;</artifactId></project>").getBytes(StandardCharsets.UTF_8),
                        new ArrayList<>())).isEmpty();
                assertThat(PomXml.read(pom("<x>y</x>"), new ArrayList<>())).hasValueSatisfying(m ->
                        assertThat(m).containsEntry("artifactId", "demo"));
            }
        } finally {
            System.setErr(err);
        }
        assertThat(said.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
