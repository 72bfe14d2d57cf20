package io.plimsoll.ecosystem.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JarManifestTest {

    private static Map<String, String> read(String manifest) {
        return JarManifest.mainAttributes(manifest.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void continuationLinesJoinAndTheMainSectionEndsAtTheFirstBlankLine() {
        StringBuilder exports = new StringBuilder("Manifest-Version: 1.0\r\nExport-Package: org.example.p0");
        StringBuilder expected = new StringBuilder("org.example.p0");
        for (int i = 1; i < 2000; i++) { // an OSGi bundle's export list, wrapped at 72 bytes as jar tools do
            exports.append(",org.exa\r\n mple.p").append(i);
            expected.append(",org.example.p").append(i);
        }
        exports.append("\r\nBundle-SymbolicName: org.example\r\n\r\nName: org/example/A.class\r\nSHA-256-Digest: x\r\n");
        assertThat(read(exports.toString())).containsExactly(Map.entry("Manifest-Version", "1.0"),
                Map.entry("Export-Package", expected.toString()), Map.entry("Bundle-SymbolicName", "org.example"));
    }

    @Test
    void strayLinesAreSkippedAndTheLastOfARepeatedNameWins() {
        assertThat(read("\n\nImplementation-Title: app\nnot an attribute\n continued stray\n"
                + "Implementation-Version:1.2 \nImplementation-Title: app2\n\rX: y"))
                .containsExactly(Map.entry("Implementation-Title", "app2"), Map.entry("Implementation-Version", "1.2 "));
    }
}
