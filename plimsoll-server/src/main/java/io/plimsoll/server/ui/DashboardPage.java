package io.plimsoll.server.ui;

import io.plimsoll.server.analysis.FindingCounts;
import io.plimsoll.server.analysis.ImageCatalog;
import io.plimsoll.server.http.Exchange;
import java.time.Clock;
import java.util.List;

/**
 * The morning view: how many images are analysed, how they fare against the policy, findings by severity (a uPlot
 * chart drawn by {@code app.js} from the table's numbers), the images with the most critical fixable findings, and
 * the newest events, and the age of every feed. Verdicts and counts are sums over the images' stored evaluations: nothing is matched here.
 */
public final class DashboardPage {

    /** How many of the newest events the dashboard lists. */
    static final int RECENT_EVENTS = 8;

    private final ImageCatalog catalog;
    private final WatchPages watches;
    private final Pages pages;
    private final Clock clock;

    DashboardPage(ImageCatalog catalog, WatchPages watches, Pages pages, Clock clock) {
        this.catalog = catalog;
        this.watches = watches;
        this.pages = pages;
        this.clock = clock;
    }

    public record Worst(String id, String image, int criticalFixable, int critical) {
    }

    public record View(int images, int analysed, int pending, int failed, int evaluated, int stale, int pass,
                       int warn, int fail, FindingCounts counts, List<Worst> worst, List<WatchPages.EventRow> events,
                       List<FeedsPage.Feed> feeds, int staleFeeds) {
    }

    void show(Exchange ex, Caller caller) throws Exception {
        String account = caller.account();
        ImageCatalog.Summary summary = catalog.summary(catalog.stamp(account));
        List<Worst> top = catalog.worst(account, 10).stream()
                .map(w -> new Worst(w.imageId(), w.name(), w.criticalFixable(), w.critical())).toList();
        List<FeedsPage.Feed> feeds = FeedsPage.feeds(catalog, clock.instant());
        int staleFeeds = (int) feeds.stream().filter(FeedsPage.Feed::stale).count();
        pages.render(ex, 200, "dashboard", caller.chrome("Dashboard", "dashboard"), new View(summary.images(),
                summary.analysed(), summary.images() - summary.analysed() - summary.failed(), summary.failed(),
                summary.evaluated(), summary.stale(), summary.pass(), summary.warn(),
                summary.fail(), summary.counts(), top, watches.recent(account, RECENT_EVENTS), feeds, staleFeeds));
    }
}
