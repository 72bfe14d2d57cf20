package io.plimsoll.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed with SIGKILL leaves its embedded postgres running; the next start must still come up. The child
 * also shows where a fresh process's postgres runs from.
 */
class EmbeddedRestartTest {

    /** Run in a child JVM: starts the embedded database on the directory, says so, and waits to be killed. */
    public static void main(String[] args) throws Exception {
        Database.startEmbedded(Path.of(args[0]));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(120_000);
    }

    @Test
    void aPostgresLeftByAKilledServerIsStoppedAndTheDataKept(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                EmbeddedRestartTest.class.getName(), data.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // startup chatter
            }
            assertThat(line).as("the child JVM started its database").isEqualTo("ready");
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        long leftover = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(leftover)).as("the killed JVM's postgres is still running").isPresent();
        // a fresh JVM (the library reuses the first binaries a JVM unpacked) ran postgres from a directory only we
        // can enter, not the library's world-writable /tmp/embedded-pg
        Path binaries = Database.binariesDirectory(data);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries)))
                .isEqualTo("rwx------");
        assertThat(ProcessHandle.of(leftover).flatMap(h -> h.info().command())).hasValueSatisfying(
                command -> assertThat(Path.of(command)).startsWith(binaries));

        try (EmbeddedPostgres pg = Database.startEmbedded(data);
             Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(ProcessHandle.of(leftover)).isEmpty();
        }
    }
}
