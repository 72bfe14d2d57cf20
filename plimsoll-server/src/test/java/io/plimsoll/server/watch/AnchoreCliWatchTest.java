package io.plimsoll.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.image.testing.Await;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.account.AccountApiModule;
import io.plimsoll.server.analysis.AnalysisApiModule;
import io.plimsoll.server.analysis.AnalysisWorkerModule;
import io.plimsoll.server.analysis.SystemApiModule;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.AnchoreCli;
import io.plimsoll.server.testing.AnchoreCli.Result;
import io.plimsoll.server.testing.AnchoreSchemas;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.store.VulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * anchore-cli's repo, subscription and event commands against a real docker-registry, with two watchers (two
 * replicas' worth) ticking every second over one database: a watched repository's tags are queued, a tag pushed
 * later is found and queued once, an activated analysis_update raises its event, each event reaches a webhook that
 * fails twice exactly once, signed, and another account sees none of it.
 */
class AnchoreCliWatchTest {

    private static final String ADMIN = "watch-admin-pw";
    private static final String SECRET = "hook-secret";
    private static final String CVE = "CVE-2025-31337";
    /** STOP on a high vulnerability, nothing else: GO before the feed knows the musl advisory, STOP after. */
    private static final String BUNDLE = io.plimsoll.server.testing.TestBundles.stopOnHigh("vulns-only", "vulns");

    @TempDir
    Path dir;

    private AnchoreCli cli;
    private String url;

    /** A webhook receiver: 500 to the first two calls, then 200; records every call. */
    private record Call(String path, String body, String signature, boolean accepted) {
    }

    @Test
    void aWatchedRepositorysNewTagIsFoundAndItsEventsAreDeliveredOnce() throws Exception {
        cli = AnchoreCli.require(Files.createDirectories(dir.resolve("home")));
        AnchoreSchemas schemas = AnchoreSchemas.load();
        List<Call> calls = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean accept = failuresLeft.getAndDecrement() <= 0;
            calls.add(new Call(ex.getRequestURI().getPath(), body,
                    ex.getRequestHeaders().getFirst("X-Plimsoll-Signature"), accept));
            ex.sendResponseHeaders(accept ? 200 : 500, -1);
            ex.close();
        });
        hook.start();
        // the feed the server matches with, switched from empty to one with a musl advisory as a feed update would
        AtomicReference<VulnStore> data = new AtomicReference<>(new MemoryVulnStore());
        VulnStore feed = (VulnStore) Proxy.newProxyInstance(VulnStore.class.getClassLoader(),
                new Class<?>[] {VulnStore.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(data.get(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Map<String, String> settings = Map.of("roles", "api,indexer,notifier", "analysis.poll", "100ms",
                "auth.admin_password", ADMIN, "indexer.allow_private_addresses", "true", "watcher.interval", "1s",
                "webhooks.url", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hooks/<notification_type>/<userId>",
                "webhooks.secret", SECRET, "webhooks.delivery_retry", "100ms");
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             PlimsollServer s = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), dir, settings),
                     null, ctx -> List.of(new AnalysisApiModule(ctx, feed, java.util.Optional.empty(),
                                     new SubscriptionRepository(ctx.database())::tagAdded),
                             new AnalysisWorkerModule(ctx, (RegistrySettings) null), new AccountApiModule(ctx),
                             new SystemApiModule(ctx), new WatchApiModule(ctx, feed),
                             new WatcherModule(ctx, feed), new WatcherModule(ctx, feed)))) {
            url = s.baseUrl() + "/v1";
            String repo = registry.host() + "/team/app";
            registry.push("team/app", image("1"), "1");

            Result add = ok("repo", "add", repo);
            assertThat(add.stdout()).contains(repo).contains("True");
            JsonNode watched = Exchange.JSON.readTree(ok("--json", "repo", "get", repo).stdout());
            schemas.assertValid("SubscriptionList", watched);
            assertThat(watched.get(0).path("subscription_value").asText()).contains("\"tagcount\":1");
            ok("image", "wait", repo + ":1", "--interval", "1", "--timeout", "60");
            Result subs = ok("subscription", "list");
            assertThat(subs.stdout()).contains(repo + ":1").contains("tag_update").contains("analysis_update")
                    .contains("repo_update");

            // analysis_update, switched on after the analysis finished, still reports it: the record was new
            ok("subscription", "activate", "analysis_update", repo + ":1");
            JsonNode all = Exchange.JSON.readTree(ok("--json", "subscription", "list").stdout());
            schemas.assertValid("SubscriptionList", all);
            boolean active = false;
            for (JsonNode sub : all) {
                if (sub.path("subscription_key").asText().equals(repo + ":1")
                        && sub.path("subscription_type").asText().equals("analysis_update")) {
                    active = sub.path("active").asBoolean();
                }
            }
            assertThat(active).as("analysis_update of " + repo + ":1 activated").isTrue();
            awaitEvent("user.checks.analysis_update");

            // vuln_update and policy_eval: the first look records, a feed update that changes them is one event each
            HttpResponse<String> bundle = TestServers.send("POST", s.baseUrl() + "/v1/policies?activate=true", BUNDLE,
                    "Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN)
                            .getBytes(StandardCharsets.UTF_8)));
            assertThat(bundle.statusCode()).as(bundle.body()).isEqualTo(200);
            ok("subscription", "activate", "vuln_update", repo + ":1");
            ok("subscription", "activate", "policy_eval", repo + ":1");
            Await.until("the first look at vuln_update and policy_eval", () -> recorded(s, repo + ":1") == 2);
            data.set(vulnerableFeed());
            awaitEvent("user.checks.vuln_update");
            awaitEvent("user.checks.policy_eval");

            registry.push("team/app", image("2"), "2");
            awaitEvent("user.checks.repo_update");
            Result second = ok("image", "wait", repo + ":2", "--interval", "1", "--timeout", "60");
            assertThat(second.stdout()).contains("Analysis Status: analyzed");
            assertThat(records(s, repo + ":2")).as("two watchers queue a new tag once").isEqualTo(1);
            assertThat(ok("repo", "list").stdout()).contains(repo);

            JsonNode events = Exchange.JSON.readTree(ok("--json", "event", "list").stdout());
            schemas.assertValid("EventsList", events);
            assertThat(events.path("results")).hasSize(4);
            JsonNode vulnEvent = null;
            for (JsonNode e : events.path("results")) {
                if (e.path("event").path("type").asText().equals("user.checks.vuln_update")) {
                    vulnEvent = e.path("event");
                }
            }
            assertThat(vulnEvent.path("details").path("added").get(0).path("id").asText()).isEqualTo(CVE);
            assertThat(vulnEvent.path("resource").path("id").asText()).isEqualTo(repo + ":1");
            Result list = ok("event", "list");
            assertThat(list.stdout()).contains("user.checks.repo_update").contains(repo);
            String eventId = events.path("results").get(0).path("generated_uuid").asText();
            assertThat(ok("event", "get", eventId).stdout()).contains("user.checks");

            // every event is delivered once, after the receiver's two failures, signed over the body
            Await.until("every event delivered", () -> calls.stream().filter(Call::accepted).count() == 4);
            Set<String> delivered = new HashSet<>();
            for (Call c : calls) {
                JsonNode body = Exchange.JSON.readTree(c.body());
                String id = body.path("data").path("notification_payload").path("notificationId").asText();
                assertThat(c.signature()).isEqualTo(WebhookSignature.of(SECRET,
                        c.body().getBytes(StandardCharsets.UTF_8)));
                assertThat(c.path()).isEqualTo("/hooks/" + body.path("data").path("notification_type").asText()
                        + "/admin");
                if (c.accepted()) {
                    assertThat(delivered.add(id)).as("delivered once: " + id).isTrue();
                }
            }
            assertThat(calls).hasSize(6);
            assertThat(delivered).hasSize(4);
            JsonNode policyCall = calls.stream().map(c -> read(c.body())).filter(b -> b.path("data")
                    .path("notification_type").asText().equals("policy_eval")).findFirst().orElseThrow();
            assertThat(policyCall.path("data").path("notification_payload").path("curr_eval").path("final_action")
                    .asText()).isEqualTo("stop");

            HttpResponse<String> test = TestServers.send("POST", url + "/system/webhooks/general/test", null,
                    "Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN)
                            .getBytes(StandardCharsets.UTF_8)));
            assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
            assertThat(calls).hasSize(7);
            assertThat(calls.get(6).body()).contains("\"test\":true");

            // another account sees neither the subscriptions nor the events
            ok("account", "add", "team-b");
            ok("account", "user", "add", "--account", "team-b", "bob", "bob-password-1");
            Result bobSubs = cli.run(url, "bob", "bob-password-1", "subscription", "list");
            assertThat(bobSubs.exitCode()).as(bobSubs.toString()).isZero();
            assertThat(bobSubs.stdout()).doesNotContain(repo);
            assertThat(cli.run(url, "bob", "bob-password-1", "event", "list").stdout()).doesNotContain(repo);
            assertThat(cli.run(url, "bob", "bob-password-1", "event", "get", eventId).exitCode()).isNotZero();

            // tag_update (on by autosubscribe): the tag moved to a new image, which is queued and analysed
            registry.push("team/app", image("1b"), "1");
            awaitEvent("user.checks.tag_update");
            Await.until("the moved tag analysed again", () -> {
                try {
                    return records(s, repo + ":1") == 2 && run("image", "get", repo + ":1").stdout()
                            .contains("Analysis Status: analyzed");
                } catch (Exception e) {
                    return false;
                }
            });

            ok("repo", "unwatch", repo);
            assertThat(ok("repo", "list").stdout()).contains("False");
            ok("event", "delete", eventId);
            assertThat(ok("event", "list").stdout()).doesNotContain(eventId);
            ok("repo", "del", repo);
            assertThat(ok("repo", "list").stdout()).doesNotContain(repo);
        } finally {
            hook.stop(0);
        }
    }

    private void awaitEvent(String type) throws InterruptedException {
        Await.until("a " + type + " event", () -> {
            try {
                return run("event", "list").stdout().contains(type);
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** How many of the tag's subscriptions have had their first look. */
    private static int recorded(PlimsollServer s, String tag) {
        try (Connection c = s.context().database().connection();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM watch_subscription WHERE key = ?"
                     + " AND type IN ('vuln_update', 'policy_eval') AND last_state IS NOT NULL")) {
            q.setString(1, tag);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (Exception e) {
            return -1;
        }
    }

    private static JsonNode read(String json) {
        try {
            return Exchange.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    /** A feed saying musl is fixed in r5 of Alpine 3.19, with a high severity. */
    private static MemoryVulnStore vulnerableFeed() {
        RecordingSink sink = new RecordingSink();
        sink.advisory(new Advisory(CVE, "alpine", List.of(), "musl overflow", "", Optional.empty(), Optional.empty(),
                List.of(), "High", Severity.HIGH, List.of()));
        sink.affected(AffectedPackage.fixedIn(CVE, "alpine", "alpine:3.19", "musl", "apk", "1.2.4_git20230717-r5"));
        return new MemoryVulnStore(sink);
    }

    private static int records(PlimsollServer s, String tag) throws Exception {
        try (Connection c = s.context().database().connection();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM analysis_image WHERE tag = ?")) {
            q.setString(1, tag);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static TestImage image(String marker) {
        return TestImage.create().layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                .file("lib/apk/db/installed", "P:musl\nV:1.2.4_git20230717-r4\nA:x86_64\no:musl\n\n")
                .file("app/version", marker), Compressor.GZIP, "/bin/sh -c #(nop) ADD file:alpine in / ");
    }

    private Result run(String... args) throws Exception {
        return cli.run(url, "admin", ADMIN, args);
    }

    private Result ok(String... args) throws Exception {
        Result r = run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }
}
