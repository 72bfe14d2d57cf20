package io.plimsoll.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.analysis.AnalysisApiModule.TagListener;
import io.plimsoll.server.analysis.AnalysisQueue;
import io.plimsoll.server.analysis.AnalysisQueue.Submission;
import io.plimsoll.server.analysis.PullAccess;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scan on push: registries' push notifications under {@code /webhooks} ({@code registry} for CNCF distribution's
 * envelope, {@code harbor}, {@code dockerhub}, {@code quay}) queue each pushed image for {@code webhooks.account}
 * through the same queue as {@code POST /v1/images}, so it shows in the Anchore and Clair APIs and the UI and its
 * tag's subscriptions exist. The answer comes at once (202 with what was queued); the workers pull and analyse.
 *
 * <p>The routes are public to the server's authenticator (registries cannot log in as users) and check
 * {@code webhooks.token} themselves; without a token they answer 404, so a server is closed to pushes by default.
 * An event seen before ({@link WebhookEvents}) queues nothing.
 */
public final class PushWebhookModule implements ServerModule {

    static final String PREFIX = "/webhooks/";
    /** The annotation a queued image carries: which sender's push queued it. */
    static final String ANNOTATION = "plimsoll.webhook";

    private final ServerContext ctx;
    private final ServerConfig.PushWebhooks settings;
    private final Optional<WebhookToken> token;
    private final AnalysisQueue queue;
    private final WebhookEvents events;
    private final TagListener tagListener;

    /** @param tagListener told of every tag queued (the watch package's subscriptions), as {@code POST /v1/images} */
    public PushWebhookModule(ServerContext ctx, TagListener tagListener) {
        this.ctx = ctx;
        this.settings = ctx.config().pushWebhooks();
        this.token = settings.token().map(p -> new WebhookToken(p.value()));
        this.queue = new AnalysisQueue(ctx.database());
        this.events = new WebhookEvents(ctx.database());
        this.tagListener = tagListener;
    }

    @Override
    public String name() {
        return "push-webhooks";
    }

    /** How a sender's body becomes pushes. */
    private interface Parser {
        Pushes parse(JsonNode body);
    }

    @Override
    public void routes(Router r) {
        route(r, DistributionNotification.SENDER, body -> DistributionNotification.parse(body,
                settings.allRegistryPushes()));
        route(r, HarborPush.SENDER, HarborPush::parse);
        route(r, DockerHubPush.SENDER, DockerHubPush::parse);
        route(r, QuayPush.SENDER, body -> QuayPush.parse(body, ctx.clock().instant()));
    }

    private void route(Router r, String sender, Parser parser) {
        r.add("POST", PREFIX + sender, ex -> receive(ex, sender, parser), true);
    }

    @Override
    public void start() throws Exception {
        if (token.isEmpty()) {
            ctx.log().info("push webhooks are off: /webhooks/* answer 404 until webhooks.token is set");
            return;
        }
        ctx.log().info("push webhooks are on", "routes", PREFIX + "{registry,harbor,dockerhub,quay}", "account",
                settings.account(), "all_registry_pushes", settings.allRegistryPushes());
        if (!accountExists(settings.account())) {
            ctx.log().warn("webhooks.account names no account: pushes will fail until it exists", "account",
                    settings.account());
        }
    }

    private void receive(Exchange ex, String sender, Parser parser) throws Exception {
        if (token.isEmpty()) {
            throw ApiException.notFound("push webhooks are off on this server (no webhooks.token is set)");
        }
        token.get().check(ex);
        Pushes pushes = parser.parse(ex.json());
        List<Map<String, Object>> queued = new ArrayList<>();
        int replayed = 0;
        for (PushEvent push : pushes.pushes()) {
            if (!events.first(push.key())) {
                replayed++;
                continue;
            }
            Submission s;
            try {
                s = queue.submit(settings.account(), push.fullTag(), push.pullReference(), access(push),
                        Map.of(ANNOTATION, sender));
                if (push.fullTag().isPresent()) {
                    tagListener.added(settings.account(), push.fullTag().get(), true);
                }
            } catch (Exception | Error e) {
                // not queued: the sender's retry of this event must not be taken for a replay
                events.forget(push.key());
                throw e;
            }
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("id", s.id());
            q.put("pull_reference", push.pullReference());
            push.fullTag().ifPresent(t -> q.put("tag", t));
            push.digest().ifPresent(d -> q.put("digest", d));
            queued.add(q);
            ctx.log().info("push queued", "sender", sender, "id", s.id(), "image", push.pullReference());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("queued", queued);
        body.put("replayed", replayed);
        body.put("ignored", pushes.ignored());
        ex.json(queued.isEmpty() ? 200 : 202, body);
    }

    /** Plain HTTP only when the sender said so; otherwise the pull is exactly {@code POST /v1/images}'s. */
    private static Optional<PullAccess> access(PushEvent push) {
        return push.registryUrl().filter(u -> u.getScheme().equals("http")).map(PullAccess::schemeOnly);
    }

    private boolean accountExists(String account) throws Exception {
        try (Connection c = ctx.database().connection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM account WHERE name = ?")) {
            s.setString(1, account);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
