package io.plimsoll.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamespaceTest {

    @Test
    void parsesAndFormatsExactlyAsTheStoredText() {
        for (String text : new String[] {"debian:12", "ubuntu:22.04", "alpine:edge", "debian:unstable", "rhel:9",
                "wolfi:rolling", "npm", "Maven", "crates.io", "vyos:1.4:beta"}) {
            assertThat(Namespace.parse(text).toString()).isEqualTo(text);
        }
        assertThat(Namespace.parse("debian:12")).isEqualTo(new Namespace("debian", "12"));
        assertThat(Namespace.parse("vyos:1.4:beta").release()).isEqualTo("1.4:beta");
        assertThat(Namespace.parse("npm").hasRelease()).isFalse();
    }

    @Test
    void refusesMalformedTextWithAOneLineMessage() {
        for (String bad : new String[] {"", ":12", "debian:"}) {
            assertThat(Namespace.tryParse(bad)).as(bad).isEmpty();
            assertThatThrownBy(() -> Namespace.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("malformed namespace '" + bad + "': expected FAMILY or FAMILY:RELEASE");
        }
        assertThatThrownBy(() -> new Namespace("", "1")).hasMessage("malformed namespace: no family");
    }
}
