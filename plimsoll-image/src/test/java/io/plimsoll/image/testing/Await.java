package io.plimsoll.image.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for background work in tests (a server's loops, a child process's log): polls until a condition holds and
 * fails, naming what it waited for, after a generous bound. The bound is a hang guard, not a latency assertion.
 */
public final class Await {

    /** How long any wait may take: a cold JVM, migrations and a loaded 2-core CI machine fit well inside it. */
    public static final Duration BOUND = Duration.ofSeconds(60);

    private Await() {
    }

    /** Returns once {@code condition} holds; fails after {@link #BOUND}. */
    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        value(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** The first value {@code probe} gives; fails after {@link #BOUND}. */
    public static <T> T value(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        long pause = 10;
        while (true) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + BOUND.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(pause);
            pause = Math.min(100, pause * 2);
        }
    }
}
