package io.plimsoll.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.model.Digest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryReferenceTest {

    private static final String HEX = "a".repeat(64);

    @Test
    void dockerHubDefaults() throws Exception {
        RegistryReference r = RegistryReference.parse("alpine:3.19");
        assertThat(r).isEqualTo(new RegistryReference("docker.io", "library/alpine", Optional.of("3.19"), Optional.empty()));
        assertThat(r.apiHost()).isEqualTo("registry-1.docker.io");
        assertThat(r.toString()).isEqualTo("docker.io/library/alpine:3.19");
        assertThat(RegistryReference.parse("docker.io/library/alpine").tag()).contains("latest");
        assertThat(RegistryReference.parse("registry:alpine")).isEqualTo(RegistryReference.parse("docker.io/library/alpine:latest"));
        assertThat(RegistryReference.parse("docker://index.docker.io/bitnami/redis").repository()).isEqualTo("bitnami/redis");
        assertThat(RegistryReference.parse("bitnami/redis").registry()).isEqualTo("docker.io");
    }

    @Test
    void hostsPortsAndDigests() throws Exception {
        RegistryReference r = RegistryReference.parse("host:5000/a/b@sha256:" + HEX);
        assertThat(r.registry()).isEqualTo("host:5000");
        assertThat(r.apiHost()).isEqualTo("host:5000");
        assertThat(r.repository()).isEqualTo("a/b");
        assertThat(r.tag()).isEmpty();
        assertThat(r.digest()).contains(Digest.parse("sha256:" + HEX));
        assertThat(r.manifestReference()).isEqualTo("sha256:" + HEX);
        RegistryReference both = RegistryReference.parse("ghcr.io/o/app:1.2@sha256:" + HEX);
        assertThat(both.tag()).contains("1.2");
        assertThat(both.manifestReference()).isEqualTo("sha256:" + HEX);
        assertThat(RegistryReference.parse("localhost/app").registry()).isEqualTo("localhost");
        // no dot, colon or localhost: a Docker Hub user name, not a host
        assertThat(RegistryReference.parse("myuser/app").repository()).isEqualTo("myuser/app");
    }

    @Test
    void invalidReferencesSayWhatIsWrong() {
        assertThatThrownBy(() -> RegistryReference.parse("registry:")).hasMessageContaining("missing image name");
        assertThatThrownBy(() -> RegistryReference.parse("Alpine")).hasMessageContaining("lowercase");
        assertThatThrownBy(() -> RegistryReference.parse("alpine@sha256:abc")).hasMessageContaining("not a valid digest");
        assertThatThrownBy(() -> RegistryReference.parse("alpine:-x")).hasMessageContaining("not a valid tag");
        assertThatThrownBy(() -> RegistryReference.parse("a//b")).hasMessageContaining("not a valid repository name");
    }

    @Test
    void challengesParseQuotedParameters() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/alpine:pull,push\"").orElseThrow();
        assertThat(c.isBearer()).isTrue();
        assertThat(c.param("realm")).isEqualTo("https://auth.docker.io/token");
        assertThat(c.param("service")).isEqualTo("registry.docker.io");
        assertThat(c.param("scope")).isEqualTo("repository:library/alpine:pull,push");
        assertThat(Challenge.parse("Basic realm=\"x\"").orElseThrow().isBasic()).isTrue();
        assertThat(Challenge.parse("")).isEmpty();
    }
}
