package io.plimsoll.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.testing.Await;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.analysis.AnalysisApiModule;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.AnchoreSchemas;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.server.vulndb.UpdaterModule;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.store.VulnStore;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rescan: with the vulnerability data changed under them, stored analyses (one imported by tag, one by digest
 * alone) are matched again from their stored inventories, the query tables follow, and each subscription that sees a
 * change gets exactly one event — vuln_update with what was added and removed, policy_eval only when the final
 * action flips — whether the pass is run directly or by a feed update; a pass with nothing changed raises nothing.
 */
class RescanTest {

    private static final String TAG = "registry.example/team/app:1";
    private static final String HIGH = "CVE-2025-31337";
    private static final String LOW = "CVE-2025-40001";
    /** STOP on a high vulnerability, nothing else. */
    private static final String BUNDLE = io.plimsoll.server.testing.TestBundles.stopOnHigh("vulns-only", "vulns");

    @TempDir
    Path dir;

    /** The data the server matches with; a test switches it as a feed update would. */
    private final AtomicReference<VulnStore> data = new AtomicReference<>(new MemoryVulnStore());

    @Test
    void aChangeInTheDataRewritesTheQueryTablesAndRaisesOneEventPerChangedSubscription() throws Exception {
        RescanModule[] rescan = new RescanModule[1];
        UpdaterModule[] updater = new UpdaterModule[1];
        AtomicReference<VulnStore> next = new AtomicReference<>();
        VulnStore feed = switchable();
        Map<String, String> settings = Map.of("roles", "api,notifier,updater", "watcher.interval", "0",
                "watcher.rescan", "24h", "updater.interval", "0",
                "updater.from", Files.createDirectories(dir.resolve("feeds/switch")).getParent().toString());
        try (PlimsollServer s = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), dir, settings),
                null, ctx -> {
                    rescan[0] = new RescanModule(ctx, feed);
                    updater[0] = new UpdaterModule(ctx, List.of(new Switch(data, next)));
                    updater[0].addListener(rescan[0]::feedsUpdated);
                    return List.of(updater[0], new AnalysisApiModule(ctx, feed, Optional.empty(),
                            new SubscriptionRepository(ctx.database())::tagAdded), new WatchApiModule(ctx, feed),
                            rescan[0]);
                })) {
            // a first pass over nothing: the schedule is not due again for a day, so only this test's passes run
            assertThat(rescan[0].runNow("test").images()).isZero();
            assertThat(rescan[0].runIfDue()).as("a pass just finished: the schedule is not due").isEmpty();
            String tagged = importSbom(s, "?tag=" + TAG, cyclonedx());
            String untagged = importSbom(s, "", cyclonedx() + " ");
            List<JsonNode> digestSubs = list(get(s, "/v1/subscriptions?subscription_key=" + untagged));
            assertThat(digestSubs).extracting(n -> n.path("subscription_type").asText())
                    .containsExactlyInAnyOrder("analysis_update", "vuln_update", "policy_eval");
            activate(s, TAG, "vuln_update");
            activate(s, TAG, "policy_eval");
            activate(s, untagged, "vuln_update");
            assertThat(TestServers.send("POST", s.baseUrl() + "/v1/policies?activate=true", BUNDLE).statusCode())
                    .isEqualTo(200);

            // the first look records what each subscription sees
            Rescan.Outcome first = rescan[0].runNow("test");
            assertThat(first.images()).isEqualTo(2);
            assertThat(first.matches()).as("each image matched once, though three subscriptions point at them")
                    .isEqualTo(2);
            assertThat(first.events()).isZero();
            assertThat(findings(s, tagged)).isEmpty();

            data.set(feed(Map.of(HIGH, Severity.HIGH)));
            Rescan.Outcome vulnerable = rescan[0].runNow("test");
            assertThat(vulnerable.rewritten()).as("both digests' findings rewritten").isEqualTo(2);
            assertThat(vulnerable.events()).isEqualTo(3);
            assertThat(findings(s, tagged)).containsExactly(HIGH);
            assertThat(findings(s, untagged)).containsExactly(HIGH);
            JsonNode tagVuln = single(events(s, "vuln_update", TAG));
            assertThat(ids(tagVuln.path("details").path("added"))).containsExactly(HIGH);
            assertThat(ids(tagVuln.path("details").path("removed"))).isEmpty();
            JsonNode digestVuln = single(events(s, "vuln_update", untagged));
            assertThat(digestVuln.path("resource").path("type").asText()).isEqualTo("imageDigest");
            assertThat(ids(digestVuln.path("details").path("added"))).containsExactly(HIGH);
            JsonNode flip = single(events(s, "policy_eval", TAG));
            assertThat(flip.path("details").path("old_final_action").asText()).isEqualTo("go");
            assertThat(flip.path("details").path("new_final_action").asText()).isEqualTo("stop");

            Rescan.Outcome again = rescan[0].runNow("test");
            assertThat(again.rewritten()).isZero();
            assertThat(again.events()).as("nothing changed, nothing raised").isZero();

            // a low one more: the vulnerabilities change, the final action stays stop
            data.set(feed(Map.of(HIGH, Severity.HIGH, LOW, Severity.LOW)));
            assertThat(rescan[0].runNow("test").events()).isEqualTo(2);
            assertThat(events(s, "policy_eval", TAG)).hasSize(1);
            assertThat(ids(events(s, "vuln_update", TAG).get(0).path("details").path("added")))
                    .containsExactly(LOW);

            // a feed update that removes both: its rescan runs on its own, right after the update
            next.set(new MemoryVulnStore());
            assertThat(updater[0].runOnce()).isPresent();
            Await.until("the rescan after the feed update", () -> events(s, "policy_eval", TAG).size() == 2);
            Await.until("the vuln_update of the feed update", () -> events(s, "vuln_update", TAG).size() == 3);
            JsonNode removed = events(s, "vuln_update", TAG).get(0);
            assertThat(ids(removed.path("details").path("removed"))).containsExactlyInAnyOrder(HIGH, LOW);
            assertThat(ids(removed.path("details").path("added"))).isEmpty();
            assertThat(events(s, "policy_eval", TAG).get(0).path("details").path("new_final_action").asText())
                    .isEqualTo("go");
            assertThat(findings(s, tagged)).isEmpty();

            // a day later by the database's clock, the schedule is due: a pass with nothing to tell
            Await.until("the feed update's pass finished", () -> lastPass(s).equals("feed update"));
            try (Connection c = s.context().database().connection();
                 PreparedStatement q = c.prepareStatement("UPDATE watch_rescan SET finished_at = now()"
                         + " - interval '25 hours'")) {
                q.executeUpdate();
            }
            assertThat(rescan[0].runIfDue()).hasValueSatisfying(o -> {
                assertThat(o.images()).isEqualTo(2);
                assertThat(o.events()).isZero();
            });
            assertThat(rescan[0].runIfDue()).isEmpty();
        }
    }

    @Test
    void eventTypesAreAnchoresCategoryTree() throws Exception {
        AnchoreSchemas schemas = AnchoreSchemas.load();
        VulnStore feed = new MemoryVulnStore();
        try (PlimsollServer s = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), dir,
                Map.of("roles", "api")), null, ctx -> List.of(new WatchApiModule(ctx, feed)))) {
            JsonNode types = get(s, "/v1/event_types");
            schemas.assertValid("EventTypesList", types);
            List<String> all = new ArrayList<>();
            types.get(0).path("subcategories").get(0).path("events").forEach(e -> all.add(e.path("type").asText()));
            assertThat(all).containsExactlyInAnyOrder("user.checks.tag_update", "user.checks.repo_update",
                    "user.checks.vuln_update", "user.checks.policy_eval", "user.checks.analysis_update");
        }
    }

    /** A feed update that swaps the data for {@code next}'s and writes one new record, so the update changed data. */
    private record Switch(AtomicReference<VulnStore> data, AtomicReference<VulnStore> next) implements Updater {
        @Override
        public String name() {
            return "switch";
        }

        @Override
        public String defaultBaseUrl() {
            return "https://feeds.invalid/switch/";
        }

        @Override
        public String description() {
            return "swaps the test's data";
        }

        @Override
        public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException {
            sink.advisory(Advisory.of("SWITCH-" + System.nanoTime(), "switch"));
            data.set(next.get());
        }
    }

    private VulnStore switchable() {
        return (VulnStore) Proxy.newProxyInstance(VulnStore.class.getClassLoader(), new Class<?>[] {VulnStore.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(data.get(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Advisories on Alpine 3.19's musl, each fixed in a release after the image's. */
    private static MemoryVulnStore feed(Map<String, Severity> advisories) {
        RecordingSink sink = new RecordingSink();
        advisories.forEach((id, severity) -> {
            sink.advisory(new Advisory(id, "alpine", List.of(), "musl flaw", "", Optional.empty(), Optional.empty(),
                    List.of(), severity.name(), severity, List.of()));
            sink.affected(AffectedPackage.fixedIn(id, "alpine", "alpine:3.19", "musl", "apk", "1.2.4_git20230717-r9"));
        });
        return new MemoryVulnStore(sink);
    }

    private static String cyclonedx() {
        return """
                {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
                 "components": [
                   {"type": "operating-system", "name": "alpine", "version": "3.19.1"},
                   {"type": "library", "name": "musl", "version": "1.2.4_git20230717-r4",
                    "purl": "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1"}]}
                """;
    }

    private static String importSbom(PlimsollServer s, String query, String document) throws Exception {
        HttpResponse<String> r = TestServers.send("POST", s.baseUrl() + "/v1/import/images" + query, document);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Exchange.JSON.readTree(r.body()).get(0).path("imageDigest").asText();
    }

    private static void activate(PlimsollServer s, String key, String type) throws Exception {
        JsonNode sub = single(list(get(s, "/v1/subscriptions?subscription_type=" + type + "&subscription_key="
                + key)));
        HttpResponse<String> r = TestServers.send("PUT", s.baseUrl() + "/v1/subscriptions/"
                + sub.path("subscription_id").asText(), "{\"active\": true}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** The events of a type about a key, newest first. */
    private static List<JsonNode> events(PlimsollServer s, String type, String key) {
        try {
            return list(get(s, "/v1/events?event_type=user.checks." + type + "&resource_id=" + key).path("results"))
                    .stream().map(e -> e.path("event")).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reason of the last pass that finished, "" while one runs. */
    private static String lastPass(PlimsollServer s) {
        try (Connection c = s.context().database().connection();
             PreparedStatement q = c.prepareStatement("SELECT reason FROM watch_rescan WHERE finished_at IS NOT NULL");
             ResultSet rs = q.executeQuery()) {
            return rs.next() ? rs.getString(1) : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static List<String> findings(PlimsollServer s, String digest) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = s.context().database().connection();
             PreparedStatement q = c.prepareStatement("SELECT vuln_id FROM query_finding WHERE image_digest = ?"
                     + " ORDER BY vuln_id")) {
            q.setString(1, digest);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static JsonNode get(PlimsollServer s, String path) throws Exception {
        HttpResponse<String> r = TestServers.get(s.baseUrl() + path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Exchange.JSON.readTree(r.body());
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static JsonNode single(List<JsonNode> nodes) {
        assertThat(nodes).hasSize(1);
        return nodes.get(0);
    }

    private static List<String> ids(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.path("id").asText()));
        return out;
    }
}
