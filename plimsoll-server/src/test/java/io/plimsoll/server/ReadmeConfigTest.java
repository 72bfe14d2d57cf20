package io.plimsoll.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.server.config.ConfigLoader;
import io.plimsoll.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration example in the README is what users copy: it must load, with the values it shows. */
class ReadmeConfigTest {

    @Test
    void theReadmesServiceConfigurationLoads(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Service");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        Path file = dir.resolve("plimsoll.yaml");
        Files.writeString(file, yaml);
        ServerConfig c = ConfigLoader.load(Optional.of(file), Map.of(), dir);
        assertThat(c.listen()).isEqualTo("0.0.0.0:6060");
        assertThat(c.tls()).isPresent();
        assertThat(c.maxRequestBytes()).isEqualTo(8L << 20);
        assertThat(c.auth().orElseThrow().issuers()).containsExactly("quay", "ci");
        assertThat(c.updater().interval()).isEqualTo(Duration.ofHours(6));
        assertThat(c.updater().sources()).containsExactly("debian", "alpine", "osv");
        assertThat(c.notifier().webhook()).contains("https://hooks.example/clair");
        assertThat(c.analysis().lease()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.watcher().interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.watcher().webhookUrl()).contains("https://hooks.example/anchore/<notification_type>/<userId>");
        assertThat(c.watcher().webhookSecret()).isPresent();
        assertThat(c.registries().secretKey().orElseThrow().bytes()).hasSize(32);
        assertThat(c.catalogLimits()).isEqualTo(io.plimsoll.ecosystem.CatalogLimits.DEFAULT);
        assertThat(c.indexer().imageLimits()).isEqualTo(io.plimsoll.image.ImageLimits.DEFAULT);
    }
}
