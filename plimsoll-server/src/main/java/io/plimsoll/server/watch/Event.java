package io.plimsoll.server.watch;

import java.time.Instant;

/**
 * One Anchore event of an account ({@code GET /v1/events}).
 *
 * @param type       Anchore's event type, {@code user.checks.<subscription type>}
 * @param resourceId the tag or repository the subscription watches
 * @param details    a JSON object (the change: old and new digest, vulnerabilities added and removed, ...)
 */
public record Event(String id, String account, String type, String level, String resourceType, String resourceId,
                    String message, String details, String hostId, Instant createdAt) {

    /** Anchore's event type for a subscription's hits. */
    static String typeOf(String subscriptionType) {
        return "user.checks." + subscriptionType;
    }
}
