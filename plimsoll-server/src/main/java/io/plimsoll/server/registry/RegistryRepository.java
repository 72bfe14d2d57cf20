package io.plimsoll.server.registry;

import io.plimsoll.image.registry.Credentials;
import io.plimsoll.server.db.Database;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The accounts' registry credentials in PostgreSQL, passwords sealed by a {@link SecretBox}. */
final class RegistryRepository {

    /** An entry with its decrypted credentials, for a pull or a login only. */
    record Access(RegistryEntry entry, Credentials credentials) {
    }

    private static final String COLUMNS = "account, registry, registry_name, registry_type, registry_user,"
            + " registry_verify, created_at, last_updated";

    private final Database db;
    private final Optional<SecretBox> box;

    RegistryRepository(Database db, Optional<SecretBox> box) {
        this.db = db;
        this.box = box;
    }

    boolean canStoreSecrets() {
        return box.isPresent();
    }

    /** Inserts or replaces the account's entry for {@code entry.registry()}; needs the secret key. */
    void save(RegistryEntry entry, String password) throws SQLException {
        byte[] sealed = box.orElseThrow(() -> new IllegalStateException("no registries.secret_key"))
                .seal(password, associated(entry.account(), entry.registry()));
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO registry_credential (account, registry,"
                     + " registry_name, registry_type, registry_user, secret, registry_verify) VALUES (?, ?, ?, ?, ?,"
                     + " ?, ?) ON CONFLICT (account, registry) DO UPDATE SET registry_name = excluded.registry_name,"
                     + " registry_type = excluded.registry_type, registry_user = excluded.registry_user,"
                     + " secret = excluded.secret, registry_verify = excluded.registry_verify, last_updated = now()")) {
            s.setString(1, entry.account());
            s.setString(2, entry.registry());
            s.setString(3, entry.name());
            s.setString(4, entry.type());
            s.setString(5, entry.user());
            s.setBytes(6, sealed);
            s.setBoolean(7, entry.verify());
            s.executeUpdate();
        }
    }

    List<RegistryEntry> list(String account) throws SQLException {
        return query("WHERE account = ? ORDER BY registry", account);
    }

    Optional<RegistryEntry> get(String account, String registry) throws SQLException {
        return query("WHERE account = ? AND registry = ?", account, registry).stream().findFirst();
    }

    boolean delete(String account, String registry) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM registry_credential WHERE account = ?"
                     + " AND registry = ?")) {
            s.setString(1, account);
            s.setString(2, registry);
            return s.executeUpdate() > 0;
        }
    }

    /**
     * The account's most specific entry covering {@code host/repository}, with its password decrypted. An entry
     * that cannot be decrypted (the key changed) is an error naming it, not an anonymous pull.
     */
    Optional<Access> access(String account, String host, String repository) throws SQLException {
        Optional<RegistryEntry> best = list(account).stream().filter(e -> e.covers(host, repository) >= 0)
                .max(Comparator.comparingInt(e -> e.covers(host, repository)));
        if (best.isEmpty()) {
            return Optional.empty();
        }
        RegistryEntry e = best.get();
        byte[] sealed;
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT secret FROM registry_credential WHERE account = ?"
                     + " AND registry = ?")) {
            s.setString(1, account);
            s.setString(2, e.registry());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty(); // deleted meanwhile
                }
                sealed = rs.getBytes(1);
            }
        }
        if (box.isEmpty()) {
            throw new IllegalStateException("registry " + e.registry() + " has stored credentials but no"
                    + " registries.secret_key is configured to decrypt them");
        }
        try {
            return Optional.of(new Access(e, new Credentials(e.user(),
                    box.get().open(sealed, associated(account, e.registry())))));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("the stored password of registry " + e.registry() + " does not decrypt"
                    + " with registries.secret_key (was the key changed?); register it again", ex);
        }
    }

    private static String associated(String account, String registry) {
        return account + "\n" + registry;
    }

    private List<RegistryEntry> query(String where, String... args) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM registry_credential " + where)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            List<RegistryEntry> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new RegistryEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(),
                            rs.getTimestamp(8).toInstant()));
                }
            }
            return out;
        }
    }
}
