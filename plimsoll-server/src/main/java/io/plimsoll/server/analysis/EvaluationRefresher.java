package io.plimsoll.server.analysis;

import io.plimsoll.server.http.JsonLog;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Re-makes an account's missing or stale stored evaluations on one low-priority background thread, newest images
 * first, so a page that found some stale never waits for a match. One run per account at a time; an image whose
 * evaluation fails is tried once per run (the next page view starts another).
 */
final class EvaluationRefresher {

    private static final int BATCH = 50;

    private final ImageCatalog catalog;
    private final JsonLog log;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ui-evaluation-refresh");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    EvaluationRefresher(ImageCatalog catalog, JsonLog log) {
        this.catalog = catalog;
        this.log = log;
    }

    void refresh(String account) {
        if (!queued.add(account)) {
            return;
        }
        try {
            worker.execute(() -> run(account));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.remove(account); // closing
        }
    }

    private void run(String account) {
        Set<String> tried = new HashSet<>();
        int refreshed = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<ImageSummary> batch = catalog.stale(account, BATCH + tried.size()).stream()
                        .filter(s -> !tried.contains(s.id())).limit(BATCH).toList();
                if (batch.isEmpty()) {
                    break;
                }
                for (ImageSummary s : batch) {
                    tried.add(s.id());
                    try {
                        catalog.restore(account, s);
                        refreshed++;
                    } catch (Exception | LinkageError e) {
                        log.warn("cannot re-evaluate an image for the images table", "image", s.id(),
                                "error", String.valueOf(e.getMessage()));
                    }
                }
            }
        } catch (Exception e) {
            log.warn("cannot re-evaluate the account's images", "account", account, "error", e.getMessage());
        } finally {
            queued.remove(account);
        }
        if (refreshed > 0) {
            log.info("stored evaluations refreshed", "account", account, "images", refreshed);
        }
    }

    void close() {
        worker.shutdownNow();
    }
}
