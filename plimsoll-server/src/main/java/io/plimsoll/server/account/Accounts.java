package io.plimsoll.server.account;

import io.plimsoll.server.db.Database;
import io.plimsoll.server.http.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accounts and their users in PostgreSQL (the {@code admin} account is created by the migration). */
public final class Accounts {

    private static final String ACCOUNT_COLUMNS = "name, type, state, email, created_at, last_updated";
    private static final String USER_COLUMNS = "username, account_name, password_hash, password_set_at, created_at,"
            + " last_updated";

    private final Database db;

    public Accounts(Database db) {
        this.db = db;
    }

    /**
     * Makes the {@code admin} user's password the configured one: created on first start, replaced when the setting
     * changed. Safe when replicas start together (the insert does nothing if another one just made the user).
     */
    public void ensureAdmin(String password) throws SQLException {
        Optional<User> admin = user("admin");
        if (admin.isPresent() && admin.get().passwordHash().map(h -> PasswordHash.matches(password, h)).orElse(false)) {
            return;
        }
        String hash = PasswordHash.hash(password);
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO account_user (username, account_name,"
                     + " password_hash, password_set_at) VALUES ('admin', ?, ?, now()) ON CONFLICT (username) DO"
                     + " UPDATE SET password_hash = excluded.password_hash, password_set_at = now(),"
                     + " last_updated = now()")) {
            s.setString(1, Principal.ADMIN_ACCOUNT);
            s.setString(2, hash);
            s.executeUpdate();
        }
    }

    // ---- accounts ----

    List<Account> accounts(Optional<String> state) throws SQLException {
        return state.isPresent() ? accounts("WHERE state = ? ORDER BY created_at, name", state.get())
                : accounts("ORDER BY created_at, name");
    }

    public Optional<Account> account(String name) throws SQLException {
        return accounts("WHERE name = ?", name).stream().findFirst();
    }

    /** False when the name is taken. */
    boolean createAccount(String name, Optional<String> email) throws SQLException {
        return update("INSERT INTO account (name, email) VALUES (?, ?) ON CONFLICT DO NOTHING", name,
                email.orElse(null)) == 1;
    }

    boolean setState(String name, String state) throws SQLException {
        return update("UPDATE account SET state = ?, last_updated = now() WHERE name = ?", state, name) == 1;
    }

    /**
     * Removes the account with its users, image records and policy bundles (foreign keys cascade), and its analyses'
     * layer recordings, which no foreign key ties to it.
     */
    boolean deleteAccount(String name) throws SQLException {
        try (Connection c = db.connection()) {
            io.plimsoll.server.analysis.AnalysisLayerState.forget(c, name);
        }
        return update("DELETE FROM account WHERE name = ?", name) == 1;
    }

    // ---- users ----

    List<User> users(String account) throws SQLException {
        return users("WHERE account_name = ? ORDER BY created_at, username", account);
    }

    Optional<User> user(String username) throws SQLException {
        return users("WHERE username = ?", username).stream().findFirst();
    }

    /** False when the user name is taken, in any account. */
    boolean createUser(String account, String username, String password) throws SQLException {
        return update("INSERT INTO account_user (username, account_name, password_hash, password_set_at)"
                + " VALUES (?, ?, ?, now()) ON CONFLICT DO NOTHING", username, account,
                PasswordHash.hash(password)) == 1;
    }

    boolean setPassword(String account, String username, Optional<String> password) throws SQLException {
        return update("UPDATE account_user SET password_hash = ?, password_set_at = "
                        + (password.isPresent() ? "now()" : "null") + ", last_updated = now()"
                        + " WHERE account_name = ? AND username = ?",
                password.map(PasswordHash::hash).orElse(null), account, username) == 1;
    }

    boolean deleteUser(String account, String username) throws SQLException {
        return update("DELETE FROM account_user WHERE account_name = ? AND username = ?", account, username) == 1;
    }

    // ----

    private List<Account> accounts(String where, String... args) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + " FROM account " + where)) {
            bind(s, args);
            List<Account> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Account(rs.getString(1), rs.getString(2), rs.getString(3),
                            Optional.ofNullable(rs.getString(4)), rs.getTimestamp(5).toInstant(),
                            rs.getTimestamp(6).toInstant()));
                }
            }
            return out;
        }
    }

    private List<User> users(String where, String... args) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + USER_COLUMNS + " FROM account_user " + where)) {
            bind(s, args);
            List<User> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new User(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3)),
                            Optional.ofNullable(rs.getTimestamp(4)).map(Timestamp::toInstant),
                            rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()));
                }
            }
            return out;
        }
    }

    private int update(String sql, String... args) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, String... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setString(i + 1, args[i]);
        }
    }
}
