package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {

    private final ConfigKeys keys = new ConfigKeys(List.of("debian"));
    private final Path file = Path.of("plimsoll.yaml");

    @Test
    void brokenYamlNamesTheFileAndLine() {
        assertThatThrownBy(() -> keys.check(file, "db:\n\tpath: x\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("plimsoll.yaml: line ")
                .hasMessageContaining("not valid YAML");
    }
}
