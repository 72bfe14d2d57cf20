package io.plimsoll.server.index;

import io.plimsoll.server.http.ApiException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many layer walks run at once, and how many requests may wait: a walk holds layer trees and inventories in
 * memory, so unbounded concurrency ends in OutOfMemoryError (16 parallel index requests at -Xmx512m gave 69 HTTP
 * 500s). One per server ({@code ServerContext.indexing}): index requests, layer uploads and the analysis workers'
 * pulls share its slots. A request beyond the running and waiting slots is turned away at once with 503 and
 * {@code Retry-After}, which Clair clients honour, instead of queuing without end; an analysis job, already
 * queued, waits for a slot instead.
 */
public final class IndexAdmission {

    /** Heap assumed for one manifest being indexed: what decides the default concurrency. */
    static final long HEAP_PER_INDEX = 192L << 20;
    static final int RETRY_AFTER_SECONDS = 5;

    private final Semaphore running;
    private final int concurrency;
    private final int capacity;
    private final AtomicInteger admitted = new AtomicInteger();

    /**
     * @param concurrency manifests indexed at once
     * @param queue       requests that may wait for a slot
     */
    public IndexAdmission(int concurrency, int queue) {
        this.running = new Semaphore(concurrency, true);
        this.concurrency = concurrency;
        this.capacity = concurrency + queue;
    }

    /** As many at once as the heap holds at {@link #HEAP_PER_INDEX} each (at least one, at most two per CPU). */
    public static IndexAdmission forHeap(long maxHeap, int cpus) {
        int byHeap = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxHeap / HEAP_PER_INDEX));
        int concurrency = Math.min(byHeap, Math.max(1, 2 * cpus));
        return new IndexAdmission(concurrency, 4 * concurrency);
    }

    /** Runs {@code work} in a slot, or refuses with 503 when every slot and place in the queue is taken. */
    public <T> T run(Callable<T> work) throws Exception {
        return run(work, null);
    }

    /**
     * As {@link #run(Callable)}, waiting at most {@code maxWait} in the queue (null: until a slot is free). A
     * request whose body is still unread (an upload) cannot wait longer than the connection's idle timeout: the
     * read that follows would fail.
     */
    public <T> T run(Callable<T> work, Duration maxWait) throws Exception {
        if (admitted.incrementAndGet() > capacity) {
            admitted.decrementAndGet();
            throw full();
        }
        try {
            if (maxWait == null) {
                running.acquire();
            } else if (!running.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw full();
            }
            try {
                return work.call();
            } finally {
                running.release();
            }
        } finally {
            admitted.decrementAndGet();
        }
    }

    /**
     * Runs {@code work} once a slot is free, however long that takes, outside the request queue's count: for work
     * already queued elsewhere (an analysis job, whose workers are few), which is never turned away.
     */
    public <T> T runQueued(Callable<T> work) throws Exception {
        return runQueued(work, 1);
    }

    /** As {@link #runQueued(Callable)}, in {@code slots} slots at once (at most all of them): a walk that holds more. */
    public <T> T runQueued(Callable<T> work, int slots) throws Exception {
        int permits = Math.max(1, Math.min(slots, concurrency));
        running.acquire(permits);
        try {
            return work.call();
        } finally {
            running.release(permits);
        }
    }

    public int concurrency() {
        return concurrency;
    }

    /** True while a request or job waits for a slot. */
    public boolean hasWaiting() {
        return running.hasQueuedThreads();
    }

    private static ApiException full() {
        return ApiException.unavailable("the indexer is busy (every indexing slot and queue place is taken); "
                + "retry after " + RETRY_AFTER_SECONDS + " s");
    }
}
