package io.plimsoll.server.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.plimsoll.server.http.WebhookPost;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.http.JsonLog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Announces notifications to the webhook with Clair's callback body, at least once. The notification row is locked
 * ({@code FOR UPDATE SKIP LOCKED}) for the length of one POST, so replicas never announce the same one at the same
 * time; a replica that dies mid-POST releases the lock with its connection and the notification is tried again. A
 * failure doubles the delay before the next try, from {@code delivery_retry} up to {@code max_retry_delay}. The
 * POST goes through {@link WebhookPost}'s address guard.
 */
final class Delivery {

    /** Bound on one webhook call: a receiver that hangs must not hold the row (and this thread) forever. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Database db;
    private final URI webhook;
    private final String callbackBase;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final JsonLog log;
    private final WebhookPost http;
    private final Counter delivered;
    private final Counter failed;

    /** @param allowPrivateAddresses {@code indexer.allow_private_addresses}: the webhook may be at any address */
    Delivery(Database db, URI webhook, String callbackBase, Duration firstRetry, Duration maxRetry,
             boolean allowPrivateAddresses, JsonLog log, MeterRegistry metrics) {
        this.db = db;
        this.webhook = webhook;
        this.callbackBase = callbackBase.endsWith("/") ? callbackBase.substring(0, callbackBase.length() - 1)
                : callbackBase;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.log = log;
        this.http = new WebhookPost(allowPrivateAddresses, TIMEOUT);
        this.delivered = Counter.builder("plimsoll.notifier.deliveries").tag("outcome", "delivered").register(metrics);
        this.failed = Counter.builder("plimsoll.notifier.deliveries").tag("outcome", "failed").register(metrics);
    }

    /** The callback URL where the pages of {@code id} are served. */
    String callback(UUID id) {
        return callbackBase + "/notifier/api/v1/notification/" + id;
    }

    /** Announces every due notification; returns how many were delivered by this call. */
    int deliverDue() throws SQLException {
        int n = 0;
        while (true) {
            Boolean ok = deliverOne();
            if (ok == null) {
                return n;
            }
            if (ok) {
                n++;
            }
        }
    }

    /** Tries the most overdue notification: true delivered, false failed (rescheduled), null none was due. */
    Boolean deliverOne() throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Boolean r = deliverOne(c);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Boolean deliverOne(Connection c) throws SQLException {
        UUID id;
        int attempts;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, attempts FROM notification "
                + "WHERE delivered_at IS NULL AND deleted_at IS NULL AND next_attempt <= now() "
                + "ORDER BY next_attempt LIMIT 1 FOR UPDATE SKIP LOCKED");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            id = rs.getObject(1, UUID.class);
            attempts = rs.getInt(2);
        }
        String error = post(id);
        if (error == null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE notification SET delivered_at = now(), "
                    + "attempts = attempts + 1, last_error = NULL WHERE id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
            delivered.increment();
            log.info("notification delivered", "notification_id", id.toString(), "attempts", attempts + 1);
            return true;
        }
        Duration delay = backoff(attempts);
        try (PreparedStatement ps = c.prepareStatement("UPDATE notification SET attempts = attempts + 1, "
                + "last_error = ?, next_attempt = now() + (? * interval '1 millisecond') WHERE id = ?")) {
            ps.setString(1, error);
            ps.setLong(2, delay.toMillis());
            ps.setObject(3, id);
            ps.executeUpdate();
        }
        failed.increment();
        log.warn("notification delivery failed", "notification_id", id.toString(), "attempt", attempts + 1,
                "webhook", webhook.toString(), "error", error, "retry_in_ms", delay.toMillis());
        return false;
    }

    /** {@code delivery_retry × 2^attempts}, capped at {@code max_retry_delay}. */
    Duration backoff(int attempts) {
        return WebhookPost.backoff(firstRetry, maxRetry, attempts);
    }

    /** POSTs the callback body; null on a 2xx answer, else why not. */
    private String post(UUID id) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("notification_id", id.toString());
        body.put("callback", callback(id));
        return http.send(webhook, Map.of("Content-Type", "application/vnd.clair.notification_webhook.v1+json"),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
