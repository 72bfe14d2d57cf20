package io.plimsoll.server.ui;

import io.plimsoll.server.db.Database;
import io.plimsoll.server.http.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Sign-ins kept in PostgreSQL, so every replica knows them and a restart signs no one out. The browser holds a
 * random token; the table holds its SHA-256 only.
 */
final class Sessions {

    static final Duration LIFETIME = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new session and the token its cookie carries. */
    record Created(Session session, String token) {
    }

    private final Database db;
    private final Clock clock;

    Sessions(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    Created create(Principal p) throws SQLException {
        String token = token();
        Session s = new Session(hash(token), p, token(), clock.instant().plus(LIFETIME));
        try (Connection c = db.connection()) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM ui_session WHERE expires_at < ?")) {
                del.setTimestamp(1, Timestamp.from(clock.instant()));
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO ui_session (token_hash, username, account,"
                    + " admin, csrf_token, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ins.setString(1, s.tokenHash());
                ins.setString(2, p.name());
                ins.setString(3, p.account());
                ins.setBoolean(4, p.admin());
                ins.setString(5, s.csrf());
                ins.setTimestamp(6, Timestamp.from(s.expiresAt()));
                ins.executeUpdate();
            }
        }
        return new Created(s, token);
    }

    Optional<Session> find(String token) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT token_hash, username, account, admin, csrf_token,"
                     + " expires_at FROM ui_session WHERE token_hash = ? AND expires_at > ?")) {
            s.setString(1, hash(token));
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Instant expires = rs.getTimestamp(6).toInstant();
                return Optional.of(new Session(rs.getString(1), new Principal(rs.getString(2), rs.getString(3),
                        rs.getBoolean(4)), rs.getString(5), expires));
            }
        }
    }

    void delete(Session s) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement del = c.prepareStatement("DELETE FROM ui_session WHERE token_hash = ?")) {
            del.setString(1, s.tokenHash());
            del.executeUpdate();
        }
    }

    /** Compares in constant time, so a guessed token learns nothing from the response time. */
    static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
