package io.plimsoll.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FirstAppearanceAndPurlsTest {

    @Test
    void packagesCountFromTheStartOfTheirUnbrokenRun() {
        Map<String, Integer> first = FirstAppearance.of(List.of(0, 2, 3, 5), List.of(
                Set.of("base", "curl@1", "gone"),
                Set.of("base", "curl@2"),               // layer 2 upgrades curl, removes gone
                Set.of("base", "curl@2", "vim"),        // layer 3 installs vim
                Set.of("base", "curl@2", "vim", "gone") // layer 5 reinstalls gone
        ));
        assertThat(first).containsExactlyInAnyOrderEntriesOf(Map.of("base", 0, "curl@2", 2, "vim", 3, "gone", 5));
        assertThat(FirstAppearance.of(List.of(), List.of())).isEmpty();
        assertThat(FirstAppearance.of(List.of(4), List.of(Set.of("a")))).containsEntry("a", 4);
    }

    @Test
    void purlsAreCanonical() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("distro", "debian-12");
        q.put("arch", "amd64");
        q.put("upstream", "");
        assertThat(Purls.of("deb", "debian", "libstdc++6", "12.2.0-14+deb12u1", q))
                .isEqualTo("pkg:deb/debian/libstdc%2B%2B6@12.2.0-14%2Bdeb12u1?arch=amd64&distro=debian-12");
        assertThat(Purls.of("rpm", "", "bash", "5.1-1", Map.of())).isEqualTo("pkg:rpm/bash@5.1-1");
        assertThatThrownBy(() -> Purls.of("", "x", "y", "1", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("package 'y'");
    }
}
