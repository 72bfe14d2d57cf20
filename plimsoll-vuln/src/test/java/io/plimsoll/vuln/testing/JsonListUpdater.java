package io.plimsoll.vuln.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;

/**
 * A tiny test source: {@code list.json} = {@code [{"id":…, "ns":…, "pkg":…, "fixed":…}]}, enough to exercise the
 * runner, the store and the fetcher without depending on a real feed's parser.
 */
public final class JsonListUpdater implements Updater {

    private final String name;

    public JsonListUpdater(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://feeds.invalid/" + name + "/";
    }

    @Override
    public String description() {
        return "test feed";
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException {
        JsonNode list = FeedFiles.readJson(name, fetcher.fetch("list.json"));
        for (JsonNode n : list) {
            String id = n.get("id").asText();
            sink.advisory(Advisory.of(id, name));
            sink.affected(AffectedPackage.fixedIn(id, name, n.get("ns").asText(), n.get("pkg").asText(), "deb",
                    n.get("fixed").asText()));
        }
    }
}
