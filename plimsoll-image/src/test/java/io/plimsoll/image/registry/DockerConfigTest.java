package io.plimsoll.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.image.ImageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials from docker's config.json: inline auths, and credential helpers run as docker runs them. */
class DockerConfigTest {

    @TempDir
    Path tmp;

    /** A docker-credential-NAME that answers like docker-credential-pass: JSON for known servers, "not found" else. */
    private Path helper(String name) throws Exception {
        Path script = tmp.resolve("docker-credential-" + name);
        Files.writeString(script, """
                #!/bin/sh
                [ "$1" = get ] || exit 2
                read server
                case "$server" in
                  registry.example.com) echo '{"ServerURL":"registry.example.com","Username":"ci","Secret":"from-helper"}' ;;
                  https://index.docker.io/v1/) echo '{"ServerURL":"https://index.docker.io/v1/","Username":"hub","Secret":"hub-token"}' ;;
                  *) echo "credentials not found in native keychain"; exit 1 ;;
                esac
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private DockerConfig config(String json, Path helperScript) throws Exception {
        Path file = Files.writeString(tmp.resolve("config.json"), json);
        return DockerConfig.load(file).withHelperLocator(n -> n.equals("fake") ? Optional.of(helperScript)
                : Optional.empty());
    }

    @Test
    void credHelpersPerRegistryThenInlineAuthsThenTheCredsStore() throws Exception {
        Path fake = helper("fake");
        DockerConfig c = config("""
                {"auths": {"ghcr.io": {"auth": "dXNlcjpwYXNz"}},
                 "credHelpers": {"registry.example.com": "fake"},
                 "credsStore": "fake"}
                """, fake);
        assertThat(c.lookup("registry.example.com")).contains(new Credentials("ci", "from-helper"));
        assertThat(c.lookup("ghcr.io")).contains(new Credentials("user", "pass"));
        assertThat(c.lookup("docker.io")).contains(new Credentials("hub", "hub-token"));
        assertThat(c.lookup("quay.io")).isEmpty();   // the store says "not found": anonymous
    }

    @Test
    void aMissingOrFailingHelperIsAClearError() throws Exception {
        Path fake = helper("fake");
        DockerConfig missing = config("{\"credHelpers\": {\"registry.example.com\": \"nosuch\"}}", fake);
        assertThatThrownBy(() -> missing.lookup("registry.example.com")).isInstanceOf(ImageException.class)
                .hasMessageContaining("config.json").hasMessageContaining("docker-credential-nosuch");
        DockerConfig odd = config("{\"credsStore\": \"../../bin/sh\"}", fake);
        assertThatThrownBy(() -> odd.lookup("quay.io")).hasMessageContaining("not a plain name");
    }
}
