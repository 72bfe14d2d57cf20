package io.plimsoll.ecosystem.debian;

import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The Debian security tracker's JSON dump ({@code tracker/data/json}): for every source package and every CVE (or
 * {@code TEMP-} id) the tracker knows, its status in each Debian release. See {@link DebianTrackerReader} for how
 * that becomes advisories and affected packages.
 */
public final class DebianTrackerUpdater implements Updater {

    public static final String NAME = "debian";
    static final String PATH = "tracker/data/json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://security-tracker.debian.org/";
    }

    @Override
    public String description() {
        return "Debian security tracker: per-release status of each CVE in Debian source packages";
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException, IOException {
        Path file = fetcher.fetch(PATH);
        String name = FeedFiles.describe(fetcher, PATH, file);
        try (InputStream in = FeedFiles.openChecked(NAME, name, file, "JSON")) {
            DebianTrackerReader.Stats stats = new DebianTrackerReader(name, sink).read(in);
            sink.progress(NAME + ": " + stats.packages() + " source packages, " + stats.advisories()
                    + " advisories, " + stats.rows() + " release statuses");
        }
    }
}
