package io.plimsoll.catalog;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SkippedPathsTest {

    @Test
    void aDirectoryGlobSkipsEverythingBelowItAndARelativeOneStartsAtTheRoot() {
        SkippedPaths skip = SkippedPaths.of(List.of("usr/lib/ruby/", "**/test"), List.of("/app/*.lock,./etc/x"));
        assertThat(skip.test("/usr/lib/ruby/gems/3.1.0/specifications/a.gemspec")).isTrue();
        assertThat(skip.test("/usr/lib/rubyx/a")).isFalse();
        assertThat(skip.test("/srv/app/test/package.json")).isTrue();
        assertThat(skip.test("/srv/app/tests/package.json")).isFalse();
        assertThat(skip.test("/app/Gemfile.lock")).isTrue();
        assertThat(skip.test("/app/sub/Gemfile.lock")).isFalse();
        assertThat(skip.test("/etc/x")).isTrue();
        assertThat(SkippedPaths.NONE.test("/anything")).isFalse();
        assertThat(SkippedPaths.of(List.of(" , "), List.of()).isEmpty()).isTrue();
    }

    @Test
    void aMalformedGlobIsRefusedNamingTheOptionAndTheGlob() {
        assertThatThrownBy(() -> SkippedPaths.of(List.of("ok", "/a/{b"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--skip-dirs '/a/{b': not a valid glob (");
        assertThatThrownBy(() -> SkippedPaths.of(List.of(), List.of("[x")))
                .hasMessageStartingWith("--skip-files '[x': not a valid glob (");
    }
}
