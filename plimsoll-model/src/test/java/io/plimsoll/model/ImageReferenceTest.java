package io.plimsoll.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void dockerHubDefaultsTheLibraryPrefixAndTheLatestTag() {
        ImageReference r = ImageReference.parse("alpine");
        assertThat(r).isEqualTo(new ImageReference("docker.io", "library/alpine", Optional.of("latest"),
                Optional.empty()));
        assertThat(r.apiHost()).isEqualTo("registry-1.docker.io");
        assertThat(ImageReference.parse("index.docker.io/team/app:1").registry()).isEqualTo("docker.io");
        assertThat(ImageReference.parse("team/app@" + DIGEST).tag()).as("a digest needs no tag").isEmpty();
    }

    @Test
    void theFirstComponentIsARegistryOnlyWithADotAColonOrLocalhost() {
        assertThat(ImageReference.parse("ghcr.io/o/app:1.0")).extracting(ImageReference::registry,
                ImageReference::repository).containsExactly("ghcr.io", "o/app");
        assertThat(ImageReference.parse("localhost/app").registry()).isEqualTo("localhost");
        assertThat(ImageReference.parse("host:5000/a/b").apiHost()).isEqualTo("host:5000");
        assertThat(ImageReference.parse("team/app").registry()).isEqualTo("docker.io");
    }

    @Test
    void toStringIsCanonicalAndParsesBackToTheSameReference() {
        for (String text : new String[] {"alpine", "ghcr.io/o/app:1.0", "host:5000/a/b@" + DIGEST,
            "[::1]:5000/x:2@" + DIGEST, "index.docker.io/nginx:1.27"}) {
            ImageReference r = ImageReference.parse(text);
            assertThat(ImageReference.parse(r.toString())).isEqualTo(r);
        }
        assertThat(ImageReference.parse("nginx:1.27")).hasToString("docker.io/library/nginx:1.27");
    }

    @Test
    void invalidPartsAreRefusedWithOneLineSayingWhich() {
        assertThatThrownBy(() -> ImageReference.parse("app@sha256:xyz")).hasMessageContaining("not a valid digest");
        assertThatThrownBy(() -> ImageReference.parse("Team/App")).hasMessage(
                "'Team/App' is not a valid repository name (repository names are lowercase)");
        assertThatThrownBy(() -> ImageReference.parse("app:-bad")).hasMessage("'-bad' is not a valid tag");
        assertThatThrownBy(() -> ImageReference.parse("bad_host.io/app")).hasMessageContaining("registry host");
        assertThatThrownBy(() -> ImageReference.parse("")).hasMessage("missing image name");
    }

    @Test
    void looselyOnlySplitsAsPolicyMappingsReadNames() {
        ImageReference r = ImageReference.parseLoosely("index.docker.io/Team/App@whatever");
        assertThat(r).isEqualTo(new ImageReference("index.docker.io", "Team/App", Optional.empty(),
                Optional.of("whatever")));
        assertThat(ImageReference.parseLoosely("nginx").repository()).isEqualTo("library/nginx");
    }
}
