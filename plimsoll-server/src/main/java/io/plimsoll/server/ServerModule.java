package io.plimsoll.server;

import io.plimsoll.server.http.Router;

/**
 * One feature of the service (the Clair indexer, the matcher, the notifier, the updater, the analysis API...): the
 * routes it serves and the background work it runs. Modules are created for the roles a process has
 * ({@link Modules}), started after the database is migrated and stopped in reverse order.
 */
public interface ServerModule extends AutoCloseable {

    /** A short name for logs and {@code /readyz}. */
    String name();

    default void routes(Router router) {
    }

    /** Starts background work (schedulers, workers); routes are served only after every module started. */
    default void start() throws Exception {
    }

    /** False while the module cannot serve yet (e.g. no vulnerability data has ever been loaded). */
    default boolean ready() {
        return true;
    }

    /** Stops background work; must return within the shutdown grace period. */
    @Override
    default void close() throws Exception {
    }
}
