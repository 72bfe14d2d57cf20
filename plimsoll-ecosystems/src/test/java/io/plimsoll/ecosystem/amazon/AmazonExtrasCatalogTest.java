package io.plimsoll.ecosystem.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extras catalog: every topic amazon-linux-extras offers, retired ones too, and nothing that is not a topic. */
class AmazonExtrasCatalogTest {

    @TempDir
    Path dir;

    private LocalFeedFetcher catalog(String json) throws Exception {
        Path file = dir.resolve("amazon/2/extras-catalog.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return new LocalFeedFetcher("amazon", dir.resolve("amazon"));
    }

    @Test
    void everyListedTopicIsReadRetiredOnesToo() throws Exception {
        // the shape amazon-linux-extras reads: n, versions, inst, deprecated-at, visible
        LocalFeedFetcher fetcher = catalog("""
                {"topics": [
                  {"n": "docker", "versions": ["latest"], "inst": ["docker"], "visible": ["docker"]},
                  {"n": "golang1.9", "versions": ["1.9.2"], "deprecated-at": "2019-11-25"},
                  {"n": "kernel-5.10", "versions": ["latest"]},
                  {"n": "../../etc", "versions": []},
                  {"n": "docker", "versions": ["again"]},
                  {"versions": ["a topic without a name"]}
                ]}""");
        AmazonExtrasCatalog.Topics topics = AmazonExtrasCatalog.read(fetcher).orElseThrow();
        assertThat(topics.names()).containsExactly("docker", "golang1.9", "kernel-5.10");
        assertThat(topics.refused()).containsExactly("../../etc");
    }

    @Test
    void noCatalogIsNoAnswerAndABrokenOneIsAnError() throws Exception {
        Files.createDirectories(dir.resolve("amazon"));
        assertThat(AmazonExtrasCatalog.read(new LocalFeedFetcher("amazon", dir.resolve("amazon")))).isEmpty();
        assertThatThrownBy(() -> AmazonExtrasCatalog.read(catalog("{\"topics\": {}}")))
                .isInstanceOf(FeedException.class).hasMessageContaining("not an extras catalog");
        assertThatThrownBy(() -> AmazonExtrasCatalog.read(catalog("{\"topics\": [{\"n\": \"a b\"}]}")))
                .isInstanceOf(FeedException.class).hasMessageContaining("lists no topic");
        assertThatThrownBy(() -> AmazonExtrasCatalog.read(catalog("{\"topics\": [")))
                .isInstanceOf(FeedException.class).hasMessageContaining("extras-catalog.json");
    }
}
