package io.plimsoll.server.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.server.http.ApiException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IndexAdmissionTest {

    @Test
    void aRequestBeyondTheRunningAndWaitingSlotsIsTurnedAwayWith503AndTheOthersFinish() throws Exception {
        IndexAdmission admission = new IndexAdmission(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = holdOneSlot(admission, "first", release);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> call(admission, () -> "second"));
        while (!admission.hasWaiting()) {
            Thread.onSpinWait(); // the second request takes the one place in the queue
        }

        assertThatThrownBy(() -> admission.run(() -> "third")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(503));

        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(admission.run(() -> "after")).isEqualTo("after");
    }

    @Test
    void aRequestThatMayNotWaitIsTurnedAwayWhileTheSlotsAreBusyThoughTheQueueHasRoom() throws Exception {
        IndexAdmission admission = new IndexAdmission(1, 4);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = holdOneSlot(admission, "first", release);
        // an upload: its body waits unread, so it may not wait past the idle timeout
        assertThatThrownBy(() -> admission.run(() -> "upload", java.time.Duration.ZERO))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(admission.run(() -> "upload", java.time.Duration.ZERO)).isEqualTo("upload");
    }

    @Test
    void aQueuedWalkThatHoldsMoreTakesSeveralSlotsAndWaitsForThem() throws Exception {
        IndexAdmission admission = new IndexAdmission(2, 0);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> request = holdOneSlot(admission, "request", release);
        // one of two slots is free, but an analysis needs two: it waits, and nothing else gets past it
        CompletableFuture<String> analysis = CompletableFuture.supplyAsync(() -> {
            try {
                return admission.runQueued(() -> "analysis", 2);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (!admission.hasWaiting()) {
            Thread.onSpinWait();
        }
        assertThatThrownBy(() -> admission.run(() -> "upload", java.time.Duration.ZERO))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
        release.countDown();
        assertThat(request.get(30, TimeUnit.SECONDS)).isEqualTo("request");
        assertThat(analysis.get(30, TimeUnit.SECONDS)).isEqualTo("analysis");
        // more slots than there are is all of them, not a wait for ever
        assertThat(new IndexAdmission(1, 0).runQueued(() -> "big", 2)).isEqualTo("big");
    }

    @Test
    void theDefaultConcurrencyFollowsTheHeap() {
        assertThat(IndexAdmission.forHeap(512L << 20, 16).concurrency()).isEqualTo(2);
        assertThat(IndexAdmission.forHeap(64L << 20, 16).concurrency()).isEqualTo(1);
        assertThat(IndexAdmission.forHeap(64L << 30, 4).concurrency()).isEqualTo(8);
    }

    /** A request that holds a slot until {@code release}, and answers {@code name}; returns once it holds it. */
    private static CompletableFuture<String> holdOneSlot(IndexAdmission admission, String name,
                                                         CountDownLatch release) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> call(admission, () -> {
            started.countDown();
            release.await();
            return name;
        }));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        return held;
    }

    private static String call(IndexAdmission a, java.util.concurrent.Callable<String> work) {
        try {
            return a.run(work);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
