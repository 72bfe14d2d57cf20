package io.plimsoll.report.sbom.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SbomReaderDepthTest {

    private static final String HEAD = "<?xml version=\"1.0\"?><bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\" "
            + "version=\"1\"><components>";
    private static final String TAIL = "</components></bom>";

    /** Components nested {@code depth} levels, the innermost with a PURL. */
    private static byte[] nested(int depth) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            open.append("<component type=\"library\"><name>c").append(i).append("</name>")
                    .append(i == depth - 1 ? "<purl>pkg:npm/left-pad@1.3.0</purl>" : "<components>");
            close.insert(0, i == depth - 1 ? "</component>" : "</components></component>");
        }
        return (HEAD + open + close + TAIL).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBomNestedFarTooDeepIsOneErrorNamingTheFile() {
        assertThatThrownBy(() -> SbomReader.read(Path.of("deep.cdx.xml"), nested(50_000)))
                .isInstanceOf(SbomException.class).hasMessageStartingWith("deep.cdx.xml: ")
                .hasMessageContaining("256");
    }

    @Test
    void nestedComponentsOfARealisticDepthAreRead() {
        assertThat(SbomReader.read(Path.of("ok.cdx.xml"), nested(20)).packages())
                .anySatisfy(p -> assertThat(p.name()).isEqualTo("left-pad"));
    }
}
