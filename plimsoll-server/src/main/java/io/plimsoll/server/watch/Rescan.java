package io.plimsoll.server.watch;

import io.plimsoll.server.analysis.ImageTags;
import io.plimsoll.server.analysis.MatchMemo;
import io.plimsoll.server.http.JsonLog;
import java.util.List;
import java.util.Optional;

/**
 * One pass of the rescan ({@code watcher.rescan}), run by {@link RescanModule} under the watcher's advisory lock.
 * Every active {@code vuln_update} and {@code policy_eval} subscription is looked at as the watcher does, so a change
 * is one event; then every other stored analysis is matched again from its stored inventory (no pull), page by page
 * in digest order. Either way the query tables' findings are rewritten where they changed, and each image is matched
 * once a pass. Memory stays bounded by the page size (and the set of digests matched). Both steps write only what changed, and an event is recorded with its subscription's new state
 * in one transaction, so a pass cut short and run again raises nothing twice.
 */
final class Rescan {

    /** What one pass did. */
    record Outcome(int images, int rewritten, int events, int failed, int matches) {
    }

    static final int PAGE = 100;
    private static final int LOG_EVERY = 1000;

    private final ImageTags images;
    private final SubscriptionRepository subscriptions;
    private final Watcher watcher;
    private final JsonLog log;

    Rescan(ImageTags images, SubscriptionRepository subscriptions, Watcher watcher, JsonLog log) {
        this.images = images;
        this.subscriptions = subscriptions;
        this.watcher = watcher;
        this.log = log;
    }

    Outcome run(String reason) throws Exception {
        int total = images.analysedCount();
        log.info("rescan started", "reason", reason, "images", total);
        // the subscriptions first: the images they point at are matched (and their findings rewritten) there, once,
        // and the sweep below skips them instead of matching them a second time
        MatchMemo memo = images.memo();
        Watcher.Looked looked = watcher.lookAtResults(memo);
        int failed = looked.failed();
        int done = 0;
        int rewritten = 0;
        Optional<String> after = Optional.empty();
        for (List<String> page = images.analysedDigests(after, PAGE); !page.isEmpty();
             page = images.analysedDigests(after, PAGE)) {
            for (String digest : page) {
                try {
                    rewritten += (memo.matched(digest) ? memo.rewritten(digest)
                            : memo.match(digest).filter(ImageTags.Matched::rewritten).isPresent()) ? 1 : 0;
                } catch (Exception e) {
                    // one broken analysis must not stop the others; the next pass tries it again
                    failed++;
                    log.warn("rescan of an image failed", "digest", digest, "error", message(e));
                }
                if (++done % LOG_EVERY == 0) {
                    log.info("rescan progress", "images", done, "of", total, "rewritten", rewritten);
                }
            }
            after = Optional.of(page.get(page.size() - 1));
        }
        log.info("rescan finished", "reason", reason, "images", done, "rewritten", rewritten, "events",
                looked.events(), "failed", failed, "matches", memo.matches());
        return new Outcome(done, rewritten, looked.events(), failed, memo.matches());
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
