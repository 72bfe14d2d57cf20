package io.plimsoll.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The service's PostgreSQL: an external one from a URL, or an embedded one kept in the data directory so that one
 * command brings the service up on a fresh machine. The schema is migrated on open; Flyway takes a PostgreSQL lock
 * while it does, so replicas starting together migrate once.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final Optional<EmbeddedPostgres> embedded;
    private final String description;

    private Database(HikariDataSource pool, Optional<EmbeddedPostgres> embedded, String description) {
        this.pool = pool;
        this.embedded = embedded;
        this.description = description;
    }

    /** Opens (and migrates) the database at {@code url}, or the embedded one in {@code dataDir} when empty. */
    public static Database open(Optional<String> url, Path dataDir, int poolSize) throws DatabaseException {
        if (url.isPresent()) {
            Jdbc jdbc = Jdbc.parse(url.get());
            return migrated(pool(jdbc, poolSize), Optional.empty(), jdbc.redacted());
        }
        EmbeddedPostgres pg = startEmbedded(dataDir.resolve("postgres"));
        Jdbc jdbc;
        try {
            jdbc = new Jdbc(pg.getJdbcUrl("postgres", "postgres"), "postgres",
                    embeddedPassword(dataDir.resolve("postgres")));
        } catch (DatabaseException e) {
            closeQuietly(pg);
            throw e;
        }
        try {
            return migrated(pool(jdbc, poolSize), Optional.of(pg), "embedded PostgreSQL in " + dataDir.resolve("postgres")
                    + " (port " + pg.getPort() + ")");
        } catch (DatabaseException | RuntimeException e) {
            closeQuietly(pg);
            throw e;
        }
    }

    /**
     * Starts an embedded PostgreSQL that keeps its data in {@code dir} across restarts. It is the service's own
     * database, not a test fixture: the superuser has a generated password ({@link EmbeddedPassword}), logins
     * need it (SCRAM) and come over loopback TCP only (no Unix socket, no {@code trust}), and fsync is on (the
     * library starts postgres with {@code -F}; the later {@code -c fsync=on} wins). Its binaries are unpacked
     * into {@link #binariesDirectory} beside {@code dir}, not the library's shared {@code /tmp/embedded-pg}.
     */
    public static EmbeddedPostgres startEmbedded(Path dir) throws DatabaseException {
        try {
            Files.createDirectories(dir.getParent() == null ? dir.toAbsolutePath().getParent() : dir.getParent());
            stopLeftover(dir);
            Optional<String> stored = EmbeddedPassword.read(dir);
            boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
            // a cluster made before passwords (trust) gets one after it starts; until then its old pg_hba stays
            boolean legacy = stored.isEmpty() && !fresh;
            String password = stored.orElseGet(EmbeddedPassword::generate);
            if (stored.isEmpty() && fresh) {
                EmbeddedPassword.write(dir, password);
            }
            Files.createDirectories(dir);
            Path binaries = privateDirectory(binariesDirectory(dir));
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    // the library's test-friendly default turns this off; a service's notifications and queued jobs
                    // must survive a crash once committed
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setConnectConfig("password", password);
            if (fresh) {
                // initdb's later --auth overrides the library's -A trust; the superuser gets the password at birth
                b.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile",
                        EmbeddedPassword.file(dir).toAbsolutePath().toString());
            }
            if (!legacy) {
                b.setDataDirectoryCustomizer(d -> writeHba(d.toPath()));
            }
            EmbeddedPostgres pg;
            try {
                pg = b.start();
            } finally {
                // the library makes its working directory writable by all (for a shared /tmp); this one is ours
                privateDirectory(binaries);
            }
            if (legacy) {
                try {
                    setPassword(pg, password, dir);
                } catch (IOException | SQLException | RuntimeException e) {
                    closeQuietly(pg);
                    throw e;
                }
            }
            return pg;
        } catch (IOException | SQLException | RuntimeException e) {
            throw new DatabaseException("cannot start the embedded PostgreSQL in " + dir + ": " + rootMessage(e)
                    + " (give an external one with --database postgresql://…)", e);
        }
    }

    /**
     * Where the binaries of the embedded PostgreSQL in {@code clusterDir} are unpacked: a directory of ours (0700)
     * beside the cluster. In the library's default, {@code /tmp/embedded-pg} (0777), any local user could put
     * their own {@code postgres} in place before we first start it.
     */
    public static Path binariesDirectory(Path clusterDir) {
        return clusterDir.toAbsolutePath().resolveSibling(clusterDir.getFileName() + "-binaries");
    }

    private static Path privateDirectory(Path d) throws IOException {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> owner =
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------");
        if (!Files.isDirectory(d, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(d, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(owner));
        }
        Files.setPosixFilePermissions(d, owner);
        return d;
    }

    /** SCRAM password logins over loopback TCP, nothing else (the socket is off). */
    private static void writeHba(Path clusterDir) {
        try {
            Files.writeString(clusterDir.resolve("pg_hba.conf"), """
                    # written by plimsoll at every start: the superuser's password (SCRAM) over loopback TCP only
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + clusterDir.resolve("pg_hba.conf"), e);
        }
    }

    /** Gives a cluster that trusted every local login the generated password, then stops trusting. */
    private static void setPassword(EmbeddedPostgres pg, String password, Path dir) throws IOException, SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection();
             java.sql.Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER USER postgres PASSWORD '" + password.replace("'", "''") + "'");
            EmbeddedPassword.write(dir, password);
            writeHba(dir);
            s.execute("SELECT pg_reload_conf()");
        }
    }

    /** The password of the embedded cluster in {@code dir}, for the connection pool. */
    static String embeddedPassword(Path dir) throws DatabaseException {
        try {
            return EmbeddedPassword.read(dir).orElseThrow(() -> new IOException("no password file"));
        } catch (IOException e) {
            throw new DatabaseException("cannot read " + EmbeddedPassword.file(dir) + ": " + e.getMessage(), e);
        }
    }

    /**
     * A server killed with SIGKILL leaves its embedded postgres running on the data directory, which would refuse
     * the next start. When {@code postmaster.pid} names a live postgres serving exactly this directory, it is
     * asked to shut down (SIGTERM: it has no clients left) before the new one starts.
     */
    static void stopLeftover(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        java.util.List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2 || !lines.get(0).trim().matches("\\d+")
                || !Path.of(lines.get(1).trim()).toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            return;
        }
        Optional<ProcessHandle> pg = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (pg.isEmpty()) {
            return;
        }
        pg.get().destroy();
        try {
            pg.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IOException("a postgres left running on " + dir + " (pid " + pg.get().pid()
                    + ") did not stop within 30 s; stop it and start again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the postgres left running on " + dir);
        }
    }

    private static HikariDataSource pool(Jdbc jdbc, int poolSize) throws DatabaseException {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbc.url());
        if (jdbc.user() != null) {
            c.setUsername(jdbc.user());
        }
        if (jdbc.password() != null && !jdbc.password().isEmpty()) {
            c.setPassword(jdbc.password());
        }
        c.setMaximumPoolSize(poolSize);
        c.setPoolName("plimsoll");
        c.setConnectionTimeout(10_000);
        c.setInitializationFailTimeout(10_000);
        try {
            return new HikariDataSource(c);
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot connect to " + jdbc.redacted() + ": " + rootMessage(e), e);
        }
    }

    private static Database migrated(HikariDataSource pool, Optional<EmbeddedPostgres> pg, String description)
            throws DatabaseException {
        try {
            Flyway.configure().loggers("slf4j").dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new DatabaseException("cannot migrate the schema of " + description + ": " + rootMessage(e), e);
        }
        return new Database(pool, pg, description);
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Where the data is, with any password left out: for logs and {@code /readyz}. */
    public String description() {
        return description;
    }

    /** True when a connection can be had and answers a trivial query. */
    public boolean healthy() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
        embedded.ifPresent(Database::closeQuietly);
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException | RuntimeException ignored) {
            // shutting down anyway; the data directory survives for the next start
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** A JDBC URL with its credentials, from either a libpq-style or a JDBC URL. */
    record Jdbc(String url, String user, String password) {

        static Jdbc parse(String given) throws DatabaseException {
            String s = given.trim();
            if (s.startsWith("jdbc:postgresql:")) {
                return new Jdbc(s, null, null);
            }
            if (!s.startsWith("postgresql://") && !s.startsWith("postgres://")) {
                throw new DatabaseException("database URL must start with postgresql:// or jdbc:postgresql:, got '"
                        + redact(s) + "'");
            }
            try {
                URI u = new URI(s);
                String user = null;
                String password = null;
                if (u.getRawUserInfo() != null) {
                    String[] up = u.getUserInfo().split(":", 2);
                    user = up[0];
                    password = up.length > 1 ? up[1] : null;
                }
                String host = u.getHost() == null ? "localhost" : u.getHost();
                int port = u.getPort() < 0 ? 5432 : u.getPort();
                String db = u.getPath() == null || u.getPath().length() <= 1 ? "postgres" : u.getPath().substring(1);
                String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
                return new Jdbc("jdbc:postgresql://" + host + ":" + port + "/" + db + query, user, password);
            } catch (URISyntaxException e) {
                throw new DatabaseException("database URL is not a valid URL: " + redact(s));
            }
        }

        String redacted() {
            return url.replaceAll("password=[^&]*", "password=***");
        }

        private static String redact(String s) {
            return s.replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
        }
    }
}
