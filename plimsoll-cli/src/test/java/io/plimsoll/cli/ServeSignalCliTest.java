package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.plimsoll.server.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plimsoll serve} in a child JVM, stopped by a signal as a service manager stops it. */
class ServeSignalCliTest {

    @TempDir
    Path tmp;

    @Test
    void sigtermStopsTheServerInOrderAndExitsZero() throws Exception {
        Process serve = CliProcess.start(tmp, Map.of("XDG_DATA_HOME", tmp.resolve("data").toString()), "serve",
                "--listen", "127.0.0.1:0", "--database", TestPostgres.newDatabaseUrl(), "--roles", "indexer");
        try {
            awaitLog(serve, "plimsoll server started");
            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve stopped after SIGTERM").isTrue();
            String log = Files.readString(tmp.resolve("stderr"));
            assertThat(serve.exitValue()).as(log).isZero();
            assertThat(log).contains("\"msg\":\"shutting down\"", "\"reason\":\"SIGTERM\"",
                    "\"msg\":\"plimsoll server stopped\"");
            assertThat(Files.readString(tmp.resolve("stdout"))).isEmpty();
        } finally {
            serve.destroyForcibly();
        }
    }

    /** Waits (at most a minute: a cold JVM, migrations) for the child's JSON log to say {@code message}. */
    private void awaitLog(Process child, String message) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            String log = Files.readString(tmp.resolve("stderr"));
            if (log.contains("\"msg\":\"" + message + "\"")) {
                return;
            }
            if (!child.isAlive()) {
                fail("serve ended with " + child.exitValue() + " before '" + message + "':\n" + log);
            }
            Thread.sleep(100);
        }
        fail("serve did not log '" + message + "' within a minute:\n" + Files.readString(tmp.resolve("stderr")));
    }
}
