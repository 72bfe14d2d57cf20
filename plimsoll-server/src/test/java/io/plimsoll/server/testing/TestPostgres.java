package io.plimsoll.server.testing;

import io.plimsoll.server.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded PostgreSQL per test JVM (started on first use, about 2 s), and a fresh empty database in it
 * for each caller, so tests are isolated without paying a server start each.
 */
public final class TestPostgres {

    private static EmbeddedPostgres server;
    private static final AtomicInteger NEXT = new AtomicInteger();

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return server;
    }

    /** A {@code postgresql://} URL of a new, empty database (not yet migrated). */
    public static String newDatabaseUrl() {
        EmbeddedPostgres pg = server();
        String name = "plimsoll_test_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return "postgresql://postgres@localhost:" + pg.getPort() + "/" + name;
    }

    /** A new, migrated database. */
    public static Database newDatabase() {
        try {
            return Database.open(java.util.Optional.of(newDatabaseUrl()), java.nio.file.Path.of("unused"), 8);
        } catch (io.plimsoll.server.db.DatabaseException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
