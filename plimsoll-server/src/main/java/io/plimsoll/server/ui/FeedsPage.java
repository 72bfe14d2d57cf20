package io.plimsoll.server.ui;

import io.plimsoll.server.analysis.ImageCatalog;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.vuln.store.SourceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The vulnerability feeds: each source (and OSV ecosystem), its age, records and last error; stale ones stand out. */
public final class FeedsPage {

    /** Older than this, data is stale (the policy's and the CLI's default). */
    static final Duration STALE = Duration.ofHours(72);

    private final ImageCatalog catalog;
    private final Pages pages;
    private final Clock clock;

    FeedsPage(ImageCatalog catalog, Pages pages, Clock clock) {
        this.catalog = catalog;
        this.pages = pages;
        this.clock = clock;
    }

    public record Feed(String name, String updated, String age, boolean stale, long records, String error) {
    }

    static List<Feed> feeds(ImageCatalog catalog, Instant now) {
        List<Feed> out = new ArrayList<>();
        for (SourceStatus s : catalog.feeds()) {
            Duration age = s.updatedAt().map(u -> Duration.between(u, now)).orElse(null);
            out.add(new Feed(s.name(), s.updatedAt().map(ImagePages::time).orElse("never"),
                    age == null ? "no data" : age(age), age == null || age.compareTo(STALE) > 0, s.records(),
                    s.error().orElse("")));
        }
        return out;
    }

    static String age(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return Math.max(0, d.toMinutes()) + " min";
    }

    void show(Exchange ex, Caller caller) {
        pages.render(ex, 200, "feeds", caller.chrome("Feeds", "feeds"), feeds(catalog, clock.instant()));
    }
}
