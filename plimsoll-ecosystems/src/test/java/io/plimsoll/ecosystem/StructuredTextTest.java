package io.plimsoll.ecosystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructuredTextTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void yamlScalarsStayAsWritten() throws PackageDbException {
        JsonNode doc = StructuredText.yaml("/l.yaml", utf8("a: 1.10\nb: 2\nc: true\nd: ~\ne:\nf: '9.0'\n")).get(0);
        assertThat(doc.get("a").asText()).isEqualTo("1.10");
        assertThat(doc.get("b").isTextual()).isTrue();
        assertThat(doc.get("c").asText()).isEqualTo("true");
        assertThat(doc.get("d").isNull()).isTrue();
        assertThat(doc.get("e").isNull()).isTrue();
        assertThat(doc.get("f").asText()).isEqualTo("9.0");
    }

    @Test
    void yamlStreamsGiveEveryDocument() throws PackageDbException {
        List<JsonNode> docs = StructuredText.yaml("/l.yaml", utf8("---\na: 1\n---\n# only a comment\n---\nb: [x, {y: z}]\n"));
        assertThat(docs).hasSize(2);
        assertThat(docs.get(1).get("b").get(1).get("y").asText()).isEqualTo("z");
    }

    @Test
    void yamlDuplicateKeysKeepTheLast() throws PackageDbException {
        assertThat(StructuredText.yaml("/l.yaml", utf8("a: 1\na: 2\n")).get(0).get("a").asText()).isEqualTo("2");
    }

    @Test
    void yamlOverSnakeYamlsDefaultLimitIsRead() throws PackageDbException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; s.length() < 4_000_000; i++) {
            s.append("pkg").append(i).append(": {version: 1.0.").append(i).append("}\n");
        }
        assertThat(StructuredText.yaml("/big.yaml", utf8(s.toString())).get(0).size()).isGreaterThan(100_000);
    }

    @Test
    void errorsNameFileAndLine() {
        assertThatThrownBy(() -> StructuredText.yaml("/l.yaml", utf8("a: 1\nb: [unclosed\nc: 2\n")))
                .isInstanceOf(PackageDbException.class).hasMessageStartingWith("/l.yaml: line ");
        assertThatThrownBy(() -> StructuredText.json("/p.json", utf8("{\n\"a\": 1,\n\"b\" 2}")))
                .isInstanceOf(PackageDbException.class).hasMessageStartingWith("/p.json: line 3, column");
        assertThatThrownBy(() -> StructuredText.json("/p.json", utf8("{} {}")))
                .isInstanceOf(PackageDbException.class).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> StructuredText.json("/p.json", new byte[0]))
                .isInstanceOf(PackageDbException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> StructuredText.json("/p.json", new byte[] {(byte) 0x1f, (byte) 0x8b, 8, 0, 0}))
                .isInstanceOf(PackageDbException.class);
    }
}
