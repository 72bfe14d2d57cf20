package io.plimsoll.image.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonFilesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void treesAreTheOnesAnObjectMapperReads() throws Exception {
        for (String doc : new String[] {
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"digest\":"
                    + "\"sha256:ab\",\"size\":528,\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":"
                    + "\"v7\"},\"annotations\":{\"org.opencontainers.image.ref.name\":\"1.0\"}}]}",
            "{\"a\":1,\"a\":{\"b\":[true,false,null,-0.5,1e300,9223372036854775807,92233720368547758070]},\"c\":[]}",
            "[[[[]]],{},\"\\u00e9\\ud83d\\ude00\",\"\"]",
            "42", "\"text\"", "null", "{\"created\":\"2024-01-02T03:04:05Z\",\"history\":[{\"empty_layer\":true}]}"}) {
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            assertThat(JsonFiles.parse(bytes, "doc", ImageLimits.DEFAULT)).as(doc).isEqualTo(MAPPER.readTree(bytes));
        }
    }

    @Test
    void emptyBrokenAndTooLargeDocumentsAreRefusedByName() {
        assertThatThrownBy(() -> JsonFiles.parse(new byte[0], "index.json", ImageLimits.DEFAULT))
                .isInstanceOf(ImageException.class).hasMessageContaining("index.json").hasMessageContaining("empty");
        assertThatThrownBy(() -> JsonFiles.parse("{\"secret\": tru".getBytes(StandardCharsets.UTF_8), "index.json",
                ImageLimits.DEFAULT)).isInstanceOf(ImageException.class).hasMessageContaining("not valid JSON")
                .hasMessageNotContaining("tru");
        ImageLimits few = new ImageLimits(1L << 30, 1L << 30, 1000, 1000, 1 << 20, 4096, 1024, 1 << 20, 1L << 20, 10,
                10, 4, 10, 1L << 20);
        assertThatThrownBy(() -> JsonFiles.parse("[1,2,3,4,5,6,7,8,9,10,11]".getBytes(StandardCharsets.UTF_8),
                "manifest", few)).isInstanceOf(ImageException.class).hasMessageContaining("more than 10 JSON values");
    }
}
