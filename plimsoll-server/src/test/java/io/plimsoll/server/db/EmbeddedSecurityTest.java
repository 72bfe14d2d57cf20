package io.plimsoll.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's embedded PostgreSQL: a password nobody else can read, SCRAM logins over loopback, fsync on. */
class EmbeddedSecurityTest {

    @TempDir
    Path dir;

    @Test
    void aFreshClusterRefusesPasswordLessLoginsAndKeepsItsPasswordPrivate() throws Exception {
        Path data = dir.resolve("postgres");
        try (EmbeddedPostgres pg = Database.startEmbedded(data)) {
            assertLockedDown(pg, data);
        }
        // a restart reads the same password
        try (EmbeddedPostgres pg = Database.startEmbedded(data)) {
            assertLockedDown(pg, data);
        }
    }

    @Test
    void aClusterMadeWhenEveryLocalLoginWasTrustedGetsAPasswordOnItsNextStart() throws Exception {
        Path data = dir.resolve("postgres");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .start()) {
            assertThat(query(old.getPort(), null, "SELECT 1")).isEqualTo("1");
        }
        try (EmbeddedPostgres pg = Database.startEmbedded(data)) {
            assertLockedDown(pg, data);
        }
    }

    private static void assertLockedDown(EmbeddedPostgres pg, Path data) throws Exception {
        Path file = EmbeddedPassword.file(data);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Database.embeddedPassword(data);
        assertThat(password).hasSizeGreaterThanOrEqualTo(40);

        assertThatThrownBy(() -> query(pg.getPort(), null, "SELECT 1")).isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> query(pg.getPort(), "wrong", "SELECT 1")).isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");

        assertThat(query(pg.getPort(), password, "SHOW fsync")).isEqualTo("on");
        assertThat(query(pg.getPort(), password, "SHOW listen_addresses")).isEqualTo("localhost");
        assertThat(query(pg.getPort(), password, "SHOW unix_socket_directories")).isEmpty();
        assertThat(query(pg.getPort(), password,
                "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'")).isEqualTo("t");
        assertThat(query(pg.getPort(), password,
                "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'")).isEqualTo("0");
    }

    private static String query(int port, String password, String sql) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", p);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
