package io.plimsoll.server.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.registry.DockerConfig;
import io.plimsoll.image.registry.RegistryReference;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.account.AccountScope;
import io.plimsoll.server.account.Accounts;
import io.plimsoll.server.analysis.ImageTags;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import io.plimsoll.server.registry.RegistryAccess;
import io.plimsoll.vuln.store.VulnStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Anchore's subscriptions, watched repositories and events (role API): {@code /v1/subscriptions},
 * {@code POST /v1/repositories} ({@code anchore-cli repo add}: every tag is queued now, new ones by the watcher),
 * {@code /v1/events}, and {@code POST /v1/system/webhooks/{type}/test}. The watching itself is
 * {@link WatcherModule}'s.
 */
public final class WatchApiModule implements ServerModule {

    private static final int MAX_PAGE = 1000;

    private final ServerContext ctx;
    private final SubscriptionRepository subscriptions;
    private final EventRepository events;
    private final ImageTags images;
    private final Watcher lister;
    private final WebhookDelivery webhooks;
    private final AccountScope scope;

    public WatchApiModule(ServerContext ctx, VulnStore store) throws ImageException {
        this(ctx, store, RegistrySettings.defaults(DockerConfig.fromEnvironment()));
    }

    public WatchApiModule(ServerContext ctx, VulnStore store, RegistrySettings registry) {
        this.ctx = ctx;
        this.subscriptions = new SubscriptionRepository(ctx.database());
        this.events = new EventRepository(ctx.database(), ctx.instanceId());
        this.images = new ImageTags(ctx, store);
        this.lister = new Watcher(subscriptions, events, images, new RegistryAccess(ctx, registry), Optional.empty(),
                ctx.log());
        this.webhooks = new WebhookDelivery(ctx.database(), ctx.config().watcher(),
                ctx.config().indexer().allowPrivateAddresses(), ctx.log());
        this.scope = new AccountScope(new Accounts(ctx.database()));
    }

    @Override
    public String name() {
        return "watch-api";
    }

    @Override
    public void routes(Router r) {
        r.get("/v1/subscriptions", ex -> ex.json(200, AnchoreNotifications.subscriptions(subscriptions.list(
                scope.of(ex), ex.query("subscription_type"), ex.query("subscription_key")))));
        r.post("/v1/subscriptions", this::addSubscription);
        r.get("/v1/subscriptions/{subscriptionId}", ex -> ex.json(200, List.of(AnchoreNotifications.subscription(
                subscription(scope.of(ex), ex.param("subscriptionId"))))));
        r.put("/v1/subscriptions/{subscriptionId}", this::updateSubscription);
        r.delete("/v1/subscriptions/{subscriptionId}", ex -> {
            String account = scope.of(ex);
            subscriptions.delete(account, subscription(account, ex.param("subscriptionId")).id());
            ex.noContent();
        });
        r.post("/v1/repositories", this::addRepository);
        r.get("/v1/event_types", ex -> ex.json(200, AnchoreNotifications.eventTypes()));
        r.get("/v1/events", this::listEvents);
        r.delete("/v1/events", ex -> ex.json(200, events.delete(scope.of(ex), filter(ex))));
        r.get("/v1/events/{eventId}", ex -> ex.json(200, AnchoreNotifications.event(events.get(scope.of(ex),
                ex.param("eventId")).orElseThrow(() -> ApiException.notFound("no event " + ex.param("eventId"))))));
        r.delete("/v1/events/{eventId}", ex -> {
            if (!events.delete(scope.of(ex), ex.param("eventId"))) {
                throw ApiException.notFound("no event " + ex.param("eventId"));
            }
            ex.noContent();
        });
        r.post("/v1/system/webhooks/{webhook_type}/test", this::testWebhook);
    }

    private Subscription subscription(String account, String id) throws Exception {
        return subscriptions.get(account, id).orElseThrow(() -> ApiException.notFound("no subscription " + id));
    }

    private void addSubscription(Exchange ex) throws Exception {
        String account = scope.of(ex);
        JsonNode body = ex.json();
        String type = text(body, "subscription_type").orElseThrow(() -> ApiException.badRequest(
                "\"subscription_type\" is required (" + String.join(", ", Subscription.TYPES) + ")"));
        if (!Subscription.TYPES.contains(type)) {
            throw ApiException.badRequest("\"subscription_type\" must be one of " + Subscription.TYPES + ", got '"
                    + type + "'");
        }
        String key = key(type, text(body, "subscription_key").orElseThrow(() -> ApiException.badRequest(
                "\"subscription_key\" (a tag, or registry/repo for repo_update) is required")));
        boolean active = !body.has("active") || body.get("active").asBoolean(true);
        Subscription s = subscriptions.add(account, type, key, text(body, "subscription_value"), active)
                .orElseThrow(() -> ApiException.conflict("a " + type + " subscription of " + key + " exists"));
        ex.json(200, List.of(AnchoreNotifications.subscription(s)));
    }

    /**
     * The key as the watcher files it: a full tag, {@code registry/repository}, or for an image named by digest
     * ({@code sha256:…} or {@code registry/repo@sha256:…}) its manifest digest; a digest never moves, so it has no
     * tag_update.
     */
    private static String key(String type, String key) {
        try {
            if (type.equals(Subscription.REPO_UPDATE)) {
                RegistryReference ref = RegistryReference.parse(key);
                return ref.registry() + "/" + ref.repository();
            }
            Optional<String> digest = Subscription.isDigestKey(key) ? Optional.of(key)
                    : ImageName.parse(key).digest();
            if (digest.isPresent()) {
                if (type.equals(Subscription.TAG_UPDATE) || !Subscription.isDigestKey(digest.get())) {
                    throw ApiException.badRequest("\"subscription_key\" of a " + type + " subscription must be a tag"
                            + (type.equals(Subscription.TAG_UPDATE) ? " (a digest never moves)" : "")
                            + ", got '" + key + "'");
                }
                return digest.get();
            }
            return ImageTags.fullTag(key);
        } catch (ApiException e) {
            throw e;
        } catch (ImageException | RuntimeException e) {
            throw ApiException.badRequest("\"subscription_key\" is not an image reference: '" + key + "'");
        }
    }

    private void updateSubscription(Exchange ex) throws Exception {
        String account = scope.of(ex);
        Subscription s = subscription(account, ex.param("subscriptionId"));
        JsonNode body = ex.json();
        if (body.has("active")) {
            subscriptions.setActive(account, s.id(), body.get("active").asBoolean());
        }
        Optional<String> value = text(body, "subscription_value");
        if (value.isPresent()) {
            subscriptions.setValue(s.id(), value.get());
        }
        ex.json(200, List.of(AnchoreNotifications.subscription(subscription(account, s.id()))));
    }

    /**
     * Watches a repository: a {@code repo_update} subscription, and every tag the registry lists now queued for
     * analysis with its own subscriptions ({@code tag_update} active unless {@code autosubscribe=false}).
     */
    private void addRepository(Exchange ex) throws Exception {
        String account = scope.of(ex);
        String input = ex.query("repository").orElseThrow(() -> ApiException.badRequest(
                "give ?repository=registry/repo"));
        String repository = key(Subscription.REPO_UPDATE, input);
        boolean autosubscribe = ex.query("autosubscribe").map(Boolean::parseBoolean).orElse(false);
        boolean dryRun = ex.query("dryrun").map(Boolean::parseBoolean).orElse(false);
        List<String> tags;
        try {
            tags = lister.tagsOf(account, repository);
        } catch (ImageException e) {
            throw ApiException.badRequest("cannot list the tags of " + repository + ": " + e.getMessage());
        }
        RepositoryWatch watch = new RepositoryWatch(repository, autosubscribe, ex.query("lookuptag"), tags.size());
        if (dryRun) {
            Instant now = Instant.now();
            ex.json(200, List.of(AnchoreNotifications.subscription(new Subscription("", account,
                    Subscription.REPO_UPDATE, repository, Optional.of(watch.value()), false, Optional.empty(), now,
                    now))));
            return;
        }
        Optional<Subscription> existing = subscriptions.find(account, Subscription.REPO_UPDATE, repository);
        Subscription s = existing.isPresent() ? existing.get() : subscriptions.add(account, Subscription.REPO_UPDATE,
                repository, Optional.of(watch.value()), true).orElseThrow();
        subscriptions.setValue(s.id(), watch.value());
        subscriptions.setActive(account, s.id(), true);
        for (String tag : tags) {
            String full = repository + ":" + tag;
            images.submit(account, full);
            subscriptions.tagAdded(account, full, autosubscribe);
        }
        ex.json(200, List.of(AnchoreNotifications.subscription(subscriptions.get(account, s.id()).orElseThrow())));
    }

    private void listEvents(Exchange ex) throws Exception {
        int page = positive(ex, "page", 1);
        int limit = Math.min(positive(ex, "limit", 100), MAX_PAGE);
        List<Event> found = events.list(scope.of(ex), filter(ex), page, limit);
        List<Object> results = new ArrayList<>();
        for (Event e : found.subList(0, Math.min(limit, found.size()))) {
            results.add(AnchoreNotifications.event(e));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", results);
        out.put("next_page", found.size() > limit);
        out.put("item_count", results.size());
        out.put("page", page);
        ex.json(200, out);
    }

    private static EventRepository.Filter filter(Exchange ex) {
        return new EventRepository.Filter(ex.query("event_type"), ex.query("resource_type"),
                ex.query("resource_id"), ex.query("level"), time(ex, "since"), time(ex, "before"));
    }

    private static Optional<Instant> time(Exchange ex, String name) {
        Optional<String> v = ex.query(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(v.get()).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(java.time.LocalDateTime.parse(v.get()).toInstant(java.time.ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                throw ApiException.badRequest("\"" + name + "\" must be an ISO 8601 time, got '" + v.get() + "'");
            }
        }
    }

    private static int positive(Exchange ex, String name, int otherwise) {
        Optional<String> v = ex.query(name);
        if (v.isEmpty()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.badRequest("\"" + name + "\" must be a whole number from 1, got '" + v.get() + "'");
    }

    /** Sends a test notification of the type to the configured webhook now, signed as every delivery is. */
    private void testWebhook(Exchange ex) throws Exception {
        String account = scope.of(ex);
        String type = ex.param("webhook_type");
        String notificationType = ex.query("notification_type").orElse(type.equals("general")
                ? Subscription.TAG_UPDATE : type);
        if (!type.equals("general") && !Subscription.TYPES.contains(type)) {
            throw ApiException.badRequest("webhook type must be general or one of " + Subscription.TYPES + ", got '"
                    + type + "'");
        }
        WebhookTarget target = WebhookTarget.of(ctx.config().watcher()).orElseThrow(() -> ApiException.badRequest(
                "no webhook is configured (webhooks.url, PLIMSOLL_SERVER_WEBHOOKS_URL)"));
        Instant now = Instant.now();
        Subscription test = new Subscription("", account, notificationType, "docker.io/library/alpine:latest",
                Optional.empty(), true, Optional.empty(), now, now);
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("test", true);
        String body = AnchoreNotifications.body(test, UUID.randomUUID().toString().replace("-", ""), payload)
                .toString();
        String error = webhooks.post(target.url(notificationType, account), body);
        if (error != null) {
            throw ApiException.badRequest("the test notification was not delivered: " + error);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("webhook_type", type);
        out.put("notification_type", notificationType);
        out.put("delivered", true);
        ex.json(200, out);
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw ApiException.badRequest("\"" + field + "\" must be a non-empty string");
        }
        return Optional.of(n.asText());
    }
}
