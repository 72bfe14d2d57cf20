package io.plimsoll.server.vulndb;

import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Feed folders and small updaters for the server's vulnerability-data tests. */
final class VulnTestFeeds {

    private VulnTestFeeds() {
    }

    /**
     * Writes {@code DIR/debian/tracker/data/json} as the Debian tracker publishes it: source package
     * {@code pkg<i>} with {@code CVE-2024-<10000+i>} fixed in bookworm (debian:12) at {@code 1.<i>-1}.
     */
    static void debian(Path from, int cves) throws IOException {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < cves; i++) {
            b.append(i == 0 ? "" : ",").append("\"pkg").append(i).append("\":{\"CVE-2024-").append(10000 + i)
                    .append("\":{\"description\":\"flaw ").append(i).append("\",\"scope\":\"remote\",\"releases\":")
                    .append("{\"bookworm\":{\"status\":\"resolved\",\"repositories\":{},\"fixed_version\":\"1.")
                    .append(i).append("-1\",\"urgency\":\"medium\"}}}}");
        }
        write(from.resolve("debian/tracker/data/json"), b.append("}").toString());
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** An updater that waits in the middle of its update until released: to hold the update lock in a test. */
    static final class BlockingUpdater implements Updater {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "blocking";
        }

        @Override
        public String defaultBaseUrl() {
            return "https://feeds.invalid/blocking/";
        }

        @Override
        public String description() {
            return "waits for the test";
        }

        @Override
        public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException {
            entered.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new FeedException(name(), "latch", "never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FeedException(name(), "latch", "interrupted");
            }
            sink.advisory(Advisory.of("CVE-2000-1", name()));
        }
    }
}
