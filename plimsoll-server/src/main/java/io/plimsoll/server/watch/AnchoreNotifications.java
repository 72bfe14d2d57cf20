package io.plimsoll.server.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.server.http.Exchange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Anchore's JSON for subscriptions, events and the webhook notification bodies. */
final class AnchoreNotifications {

    private AnchoreNotifications() {
    }

    /**
     * Anchore's notification: {@code {"data": {"notification_user", "notification_user_email", "notification_type",
     * "notification_payload": {"userId", "subscription_key", "subscription_type", "notificationId", ...}}}}, the
     * type's own fields ({@code last_eval}/{@code curr_eval}, {@code diff_vulnerability_result}) in the payload.
     */
    static ObjectNode body(Subscription sub, String notificationId, ObjectNode typeFields) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("userId", sub.account());
        payload.put("subscription_key", sub.key());
        payload.put("subscription_type", sub.type());
        payload.put("notificationId", notificationId);
        payload.setAll(typeFields);
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("notification_user", sub.account());
        data.putNull("notification_user_email");
        data.put("notification_type", sub.type());
        data.set("notification_payload", payload);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("data", data);
        return body;
    }

    /**
     * {@code GET /v1/event_types}: Anchore's tree of category, subcategory and event, listing the types this service
     * raises (one per subscription type, {@code user.checks.<type>}).
     */
    static List<Object> eventTypes() {
        List<Object> events = new java.util.ArrayList<>();
        for (String type : Subscription.TYPES) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", type);
            e.put("type", Event.typeOf(type));
            e.put("message", switch (type) {
                case Subscription.TAG_UPDATE -> "The tag points at a new image digest";
                case Subscription.REPO_UPDATE -> "New tags appeared in the watched repository";
                case Subscription.VULN_UPDATE -> "The image's vulnerabilities changed";
                case Subscription.POLICY_EVAL -> "The image's policy evaluation changed its final action";
                default -> "The image's analysis finished";
            });
            e.put("resource_type", type.equals(Subscription.REPO_UPDATE) ? "repository" : "tag");
            events.add(e);
        }
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("name", "checks");
        checks.put("description", "Hits of the account's subscriptions, found by the watcher and the rescan");
        checks.put("events", events);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("category", "user");
        user.put("description", "Events of an account's images, tags and repositories");
        user.put("subcategories", List.of(checks));
        return List.of(user);
    }

    static Map<String, Object> subscription(Subscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subscription_id", s.id());
        m.put("subscription_key", s.key());
        m.put("subscription_type", s.type());
        m.put("subscription_value", s.value().orElse(null));
        m.put("active", s.active());
        m.put("userId", s.account());
        m.put("created_at", s.createdAt().toString());
        m.put("last_updated", s.lastUpdated().toString());
        return m;
    }

    static List<Object> subscriptions(List<Subscription> list) {
        return list.stream().map(s -> (Object) subscription(s)).toList();
    }

    static Map<String, Object> event(Event e) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("servicename", "plimsoll-watcher");
        source.put("hostid", e.hostId());
        source.put("base_url", null);
        source.put("request_id", null);
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("user_id", e.account());
        resource.put("id", e.resourceId());
        resource.put("type", e.resourceType());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", e.type());
        event.put("category", e.type().substring(0, e.type().lastIndexOf('.')));
        event.put("level", e.level());
        event.put("message", e.message());
        event.put("details", details(e.details()));
        event.put("timestamp", e.createdAt().toString());
        event.put("source", source);
        event.put("resource", resource);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generated_uuid", e.id());
        m.put("created_at", e.createdAt().toString());
        m.put("event", event);
        return m;
    }

    private static JsonNode details(String json) {
        try {
            return Exchange.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("stored event details are not JSON: " + json, e);
        }
    }
}
