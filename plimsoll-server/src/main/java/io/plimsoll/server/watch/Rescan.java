package io.plimsoll.server.watch;

import io.plimsoll.server.analysis.ImageTags;
import io.plimsoll.server.http.JsonLog;
import java.util.List;
import java.util.Optional;

/**
 * One pass of the rescan ({@code watcher.rescan}), run by {@link RescanModule} under the watcher's advisory lock.
 * First every stored analysis is matched again from its stored inventory (no pull), page by page in digest order,
 * and the query tables' findings are rewritten where they changed; then every active {@code vuln_update} and
 * {@code policy_eval} subscription is looked at as the watcher does, so a change is one event. Memory stays bounded
 * by the page size. Both steps write only what changed, and an event is recorded with its subscription's new state
 * in one transaction, so a pass cut short and run again raises nothing twice.
 */
final class Rescan {

    /** What one pass did. */
    record Outcome(int images, int rewritten, int events, int failed) {
    }

    static final int PAGE = 100;
    private static final int LOG_EVERY = 1000;
    private static final List<String> RESULT_TYPES = List.of(Subscription.VULN_UPDATE, Subscription.POLICY_EVAL);

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
        int done = 0;
        int rewritten = 0;
        int failed = 0;
        Optional<String> after = Optional.empty();
        for (List<String> page = images.analysedDigests(after, PAGE); !page.isEmpty();
             page = images.analysedDigests(after, PAGE)) {
            for (String digest : page) {
                try {
                    rewritten += images.match(digest).filter(ImageTags.Matched::rewritten).isPresent() ? 1 : 0;
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
        int events = 0;
        for (String type : RESULT_TYPES) {
            Optional<String> afterId = Optional.empty();
            for (List<Subscription> page = subscriptions.active(type, afterId, PAGE); !page.isEmpty();
                 page = subscriptions.active(type, afterId, PAGE)) {
                for (Subscription s : page) {
                    try {
                        events += watcher.look(s) ? 1 : 0;
                    } catch (Exception e) {
                        failed++;
                        log.warn("rescan of a subscription failed", "subscription", s.id(), "type", s.type(),
                                "key", s.key(), "error", message(e));
                    }
                }
                afterId = Optional.of(page.get(page.size() - 1).id());
            }
        }
        log.info("rescan finished", "reason", reason, "images", done, "rewritten", rewritten, "events", events,
                "failed", failed);
        return new Outcome(done, rewritten, events, failed);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
