package io.plimsoll.server.ui;

import io.plimsoll.policy.Action;
import io.plimsoll.server.analysis.ImageCatalog;
import io.plimsoll.server.analysis.ImageSummary;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.vuln.match.Finding;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The morning view: how many images are analysed, how they fare against the policy, findings by severity (a uPlot
 * chart drawn by {@code app.js} from the table's numbers), the images with the most critical fixable findings, and
 * the age of every feed.
 */
public final class DashboardPage {

    /** How many of the newest analysed images the summary covers (each is matched and evaluated). */
    static final int IMAGES_SUMMARISED = 200;

    private final ImageCatalog catalog;
    private final Pages pages;
    private final Clock clock;

    DashboardPage(ImageCatalog catalog, Pages pages, Clock clock) {
        this.catalog = catalog;
        this.pages = pages;
        this.clock = clock;
    }

    public record Worst(String id, String image, int criticalFixable, int critical) {
    }

    public record View(int images, int analysed, int pending, int failed, int summarised, int pass, int warn,
                       int fail, Findings.Counts counts, List<Worst> worst, List<FeedsPage.Feed> feeds,
                       int staleFeeds) {
    }

    void show(Exchange ex, Caller caller) throws Exception {
        String account = caller.account();
        int all = catalog.count(account, Optional.empty());
        int analysed = catalog.count(account, Optional.of("analyzed"));
        int failed = catalog.count(account, Optional.of("analysis_failed"));
        int pass = 0;
        int warn = 0;
        int fail = 0;
        Findings.Counts counts = Findings.Counts.of(List.of());
        List<Worst> worst = new ArrayList<>();
        List<ImageSummary> images = catalog.analysed(account, IMAGES_SUMMARISED);
        ImageCatalog.Stamp stamp = catalog.stamp(account);
        for (ImageSummary s : images) {
            Optional<ImageCatalog.Assessment> assessment = catalog.assess(s, stamp);
            if (assessment.isEmpty()) {
                continue;
            }
            List<Finding> findings = assessment.get().findings();
            Findings.Counts c = Findings.Counts.of(findings);
            counts = counts.plus(c);
            Action a = assessment.get().verdict().evaluation().finalAction();
            pass += a == Action.GO ? 1 : 0;
            warn += a == Action.WARN ? 1 : 0;
            fail += a == Action.STOP ? 1 : 0;
            int criticalFixable = (int) findings.stream()
                    .filter(f -> f.severity() == io.plimsoll.vuln.Severity.CRITICAL && f.hasFix()).count();
            worst.add(new Worst(s.id(), s.tag().orElse(s.pullReference()), criticalFixable, c.critical()));
        }
        List<Worst> top = worst.stream().filter(w -> w.critical() > 0)
                .sorted(Comparator.comparingInt(Worst::criticalFixable).thenComparingInt(Worst::critical).reversed())
                .limit(10).toList();
        List<FeedsPage.Feed> feeds = FeedsPage.feeds(catalog, clock.instant());
        int stale = (int) feeds.stream().filter(FeedsPage.Feed::stale).count();
        pages.render(ex, 200, "dashboard", caller.chrome("Dashboard", "dashboard"), new View(all, analysed,
                all - analysed - failed, failed, images.size(), pass, warn, fail, counts, top, feeds, stale));
    }
}
