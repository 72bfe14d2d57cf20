package io.plimsoll.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.server.vulndb.UpdaterModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifier's processing lock and the updater's round lock are different locks. */
class NotifierLockTest {

    @TempDir
    Path dir;

    @Test
    void aFeedUpdateRunsWhileTheNotifierIsProcessing() throws Exception {
        Path feeds = dir.resolve("feeds/debian/tracker/data");
        Files.createDirectories(feeds);
        Files.writeString(feeds.resolve("json"), "{}");
        try (PlimsollServer server = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(),
                dir.resolve("data"), Map.of("updater.from", dir.resolve("feeds").toString(),
                        "updater.sources", "debian")), null);
             Connection c = server.context().database().connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, UpdateProcessor.LOCK); // as a notifier replica in the middle of an update
                ps.execute();
            }
            UpdaterModule updater = (UpdaterModule) server.module("updater").orElseThrow();
            assertThat(updater.runOnce()).as("the update round ran").isPresent();
            c.rollback();
        }
    }
}
