package io.plimsoll.server.vulndb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Which feed sources are switched off (Anchore's feed enable/disable), kept in PostgreSQL so every replica's updater
 * honours a switch made through any replica's API. Plimsoll has one Anchore feed, {@value #FEED}, whose groups are
 * the sources; switching the feed off stops every source.
 */
public final class FeedSettings {

    /** The one Anchore feed Plimsoll serves: its groups are the vulnerability sources. */
    public static final String FEED = "vulnerabilities";

    private final DataSource db;

    public FeedSettings(DataSource db) {
        this.db = db;
    }

    /** Whether the feed as a whole is on (it is unless switched off). */
    public boolean feedEnabled() throws SQLException {
        return groups().getOrDefault("", true);
    }

    /** The switches set on groups, by source name ({@code ""}: the feed itself); unset ones are on. */
    public Map<String, Boolean> groups() throws SQLException {
        Map<String, Boolean> out = new TreeMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT grp, enabled FROM feed_setting WHERE feed = ?")) {
            s.setString(1, FEED);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getBoolean(2));
                }
            }
        }
        return out;
    }

    /** Which sources an update may load now: none while the feed is off, else those not switched off. */
    public Predicate<String> updatable() throws SQLException {
        Map<String, Boolean> groups = groups();
        if (!groups.getOrDefault("", true)) {
            return source -> false;
        }
        return source -> groups.getOrDefault(source, true);
    }

    /** Switches a group ({@code ""}: the feed) on or off. */
    public void set(String group, boolean enabled) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO feed_setting (feed, grp, enabled) VALUES (?, ?, ?)"
                     + " ON CONFLICT (feed, grp) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()")) {
            s.setString(1, FEED);
            s.setString(2, group);
            s.setBoolean(3, enabled);
            s.executeUpdate();
        }
    }
}
