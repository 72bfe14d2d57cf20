package io.plimsoll.server.watch;

import io.plimsoll.server.http.WebhookPost;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.http.JsonLog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers the outbox ({@code watch_delivery}) to the webhook, at least once, as the notifier's {@code Delivery}
 * does for Clair: the row is locked ({@code FOR UPDATE SKIP LOCKED}) for one POST, so replicas never send the same
 * one at once and a replica that dies mid-POST gives it back with its connection; a failure doubles the delay
 * before the next try, from {@code webhooks.delivery_retry} up to {@code webhooks.max_retry_delay}. With a secret,
 * the body is signed ({@link WebhookSignature}). The POST goes through {@link WebhookPost}'s address guard.
 */
final class WebhookDelivery {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Database db;
    private final Optional<ServerConfig.Password> secret;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final JsonLog log;
    private final WebhookPost http;

    /** @param allowPrivateAddresses {@code indexer.allow_private_addresses}: the webhook may be at any address */
    WebhookDelivery(Database db, ServerConfig.Watcher config, boolean allowPrivateAddresses, JsonLog log) {
        this.db = db;
        this.secret = config.webhookSecret();
        this.firstRetry = config.deliveryRetry();
        this.maxRetry = config.maxRetryDelay();
        this.log = log;
        this.http = new WebhookPost(allowPrivateAddresses, TIMEOUT);
    }

    /** Sends every due delivery; returns how many were delivered. */
    int deliverDue() throws SQLException {
        int n = 0;
        while (true) {
            Boolean ok = deliverOne();
            if (ok == null) {
                return n;
            }
            n += ok ? 1 : 0;
        }
    }

    /** True delivered, false failed (rescheduled), null when nothing was due. */
    private Boolean deliverOne() throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                long id;
                int attempts;
                String url;
                String body;
                try (PreparedStatement s = c.prepareStatement("SELECT id, attempts, url, body FROM watch_delivery"
                        + " WHERE delivered_at IS NULL AND next_attempt <= now() ORDER BY next_attempt LIMIT 1"
                        + " FOR UPDATE SKIP LOCKED");
                     ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        c.commit();
                        return null;
                    }
                    id = rs.getLong(1);
                    attempts = rs.getInt(2);
                    url = rs.getString(3);
                    body = rs.getString(4);
                }
                String error = post(url, body);
                try (PreparedStatement s = c.prepareStatement(error == null
                        ? "UPDATE watch_delivery SET delivered_at = now(), attempts = attempts + 1, last_error = NULL"
                        + " WHERE id = ?"
                        : "UPDATE watch_delivery SET attempts = attempts + 1, last_error = ?, next_attempt = now()"
                        + " + (? * interval '1 millisecond') WHERE id = ?")) {
                    if (error == null) {
                        s.setLong(1, id);
                    } else {
                        s.setString(1, error);
                        s.setLong(2, backoff(attempts).toMillis());
                        s.setLong(3, id);
                    }
                    s.executeUpdate();
                }
                c.commit();
                if (error == null) {
                    log.info("webhook delivered", "delivery", id, "attempts", attempts + 1);
                } else {
                    log.warn("webhook delivery failed", "delivery", id, "attempt", attempts + 1, "error", error,
                            "retry_in_ms", backoff(attempts).toMillis());
                }
                return error == null;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** {@code delivery_retry × 2^attempts}, capped at {@code max_retry_delay}. */
    Duration backoff(int attempts) {
        return WebhookPost.backoff(firstRetry, maxRetry, attempts);
    }

    /** POSTs a body to a URL as every delivery does (signed when a secret is set); null on 2xx, else why not. */
    String post(String url, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "not a usable webhook URL: " + url;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        secret.ifPresent(s -> headers.put(WebhookSignature.HEADER, WebhookSignature.of(s.value(), bytes)));
        return http.send(uri, headers, bytes);
    }
}
