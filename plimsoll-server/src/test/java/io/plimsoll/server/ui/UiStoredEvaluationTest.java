package io.plimsoll.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.server.ui.UiTesting.Browser;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images table reads each image's stored evaluation instead of matching it: its policy and critical/high
 * columns must say what the image's own page says, and a data change (a new advisory, a new data version) must
 * make the stored evaluation stale and then be re-made. The image page's fix advice comes from the same match.
 */
class UiStoredEvaluationTest {

    private static final Pattern ROW = Pattern.compile("<tr>\\s*<td><a href=\"/ui/images/([^\"]+)\">[^<]*</a></td>"
            + "\\s*<td>([^<]*)</td>.*?<span class=\"action action-[A-Z]*\">([A-Z]*)</span>( <span class=\"updating\")?"
            + ".*?<td class=\"num\">(\\d*)</td>\\s*<td class=\"num\">(\\d*)</td>", Pattern.DOTALL);
    private static final Pattern PAGE_COUNTS = Pattern.compile("<p>(\\d+) critical, (\\d+) high,");
    private static final Pattern PAGE_ACTION = Pattern.compile("Policy <strong>[^<]*</strong>: <span class=\"action"
            + " action-[A-Z]+\">([A-Z]+)</span>");
    private static final String PW = UiTesting.ADMIN_PASSWORD;

    @TempDir
    Path dir;

    /** A row of the images table as it reads. */
    record Listed(String tag, String policy, boolean updating, String critical, String high) {
    }

    @Test
    void theTableSaysWhatTheImagePageSaysAndFollowsADataChange() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.advisory(new Advisory("CVE-2025-31337", "alpine", List.of(), "musl overflow", "", Optional.empty(),
                Optional.empty(), List.of(), "High", Severity.HIGH, List.of()));
        sink.affected(AffectedPackage.fixedIn("CVE-2025-31337", "alpine", "alpine:3.19", "musl", "apk",
                "1.2.4_git20230717-r5"));
        try (PlimsollServer s = UiTesting.server(TestPostgres.newDatabaseUrl(), dir, Map.of(),
                new MemoryVulnStore(sink), false)) {
            dataVersion(s, "one");
            importSbom(s, "vulnerable", "musl", "1.2.4_git20230717-r4");
            importSbom(s, "fixed", "musl", "1.2.4_git20230717-r5");
            importSbom(s, "busybox", "busybox", "1.36.1-r15");
            Browser admin = Browser.signedIn(s, "admin", PW);

            Map<String, Listed> table = settled(admin);
            assertThat(table.values()).extracting(Listed::tag).containsExactlyInAnyOrder("vulnerable", "fixed",
                    "busybox");
            assertSameAsTheirPages(admin, table);
            assertThat(byTag(table, "vulnerable")).isEqualTo(new Listed("vulnerable", "STOP", false, "0", "1"));
            assertThat(byTag(table, "busybox").critical()).isEqualTo("0");
            // the page's fix advice comes from the same match: musl's smallest clean upgrade and its command
            assertThat(admin.get("/ui/images/" + idOf(table, "vulnerable")).body())
                    .contains("<h2 id=\"advice\">Fix advice</h2>").contains("1 upgrade clears 1 of 1 fixable findings")
                    .contains("<td>1.2.4_git20230717-r5").contains("<td>1 of 1<br><small>CVE-2025-31337</small>")
                    .contains("<code>apk add musl=1.2.4_git20230717-r5</code>");

            // a feed update: a critical advisory for busybox, and a new data version as a committed update writes
            synchronized (sink) {
                sink.advisory(new Advisory("CVE-2025-40000", "alpine", List.of(), "busybox", "", Optional.empty(),
                        Optional.empty(), List.of(), "Critical", Severity.CRITICAL, List.of()));
                sink.affected(AffectedPackage.fixedIn("CVE-2025-40000", "alpine", "alpine:3.19", "busybox", "apk",
                        "1.36.1-r20"));
            }
            dataVersion(s, "two");
            Map<String, Listed> stale = rows(admin.get("/ui/images?sort=critical").body());
            assertThat(stale.values()).as("stored, not re-matched, until re-evaluated").allMatch(Listed::updating);
            assertThat(byTag(stale, "busybox").critical()).isEqualTo("0");

            Map<String, Listed> fresh = settled(admin);
            assertThat(byTag(fresh, "busybox")).isEqualTo(new Listed("busybox", "STOP", false, "1", "0"));
            assertThat(fresh.values().iterator().next().tag()).as("sorted by critical count").isEqualTo("busybox");
            assertSameAsTheirPages(admin, fresh);
            assertThat(admin.get("/ui/images/" + idOf(fresh, "busybox")).body())
                    .contains("<code>apk add busybox=1.36.1-r20</code>");
            assertThat(rows(admin.get("/ui/images?sort=policy").body()).values()).extracting(Listed::policy)
                    .as("STOP first").startsWith("STOP", "STOP");
            assertThat(admin.get("/ui/").body()).contains("Over 3 evaluated images")
                    .containsPattern("<td>critical</td><td class=\"num\">1</td>");
        }
    }

    /** The table once no row is being re-evaluated (the first view starts the background evaluation). */
    private static Map<String, Listed> settled(Browser b) throws Exception {
        long until = System.nanoTime() + 60_000_000_000L;
        while (true) {
            HttpResponse<String> r = b.get("/ui/images?sort=critical");
            assertThat(r.statusCode()).isEqualTo(200);
            Map<String, Listed> rows = rows(r.body());
            if (!rows.isEmpty() && rows.values().stream().noneMatch(Listed::updating)) {
                return rows;
            }
            assertThat(System.nanoTime()).as("the stored evaluations were re-made").isLessThan(until);
            Thread.sleep(100);
        }
    }

    private static void assertSameAsTheirPages(Browser b, Map<String, Listed> table) throws Exception {
        for (Map.Entry<String, Listed> e : table.entrySet()) {
            String page = b.get("/ui/images/" + e.getKey()).body();
            Matcher counts = PAGE_COUNTS.matcher(page);
            Matcher action = PAGE_ACTION.matcher(page);
            assertThat(counts.find() && action.find()).as(page).isTrue();
            assertThat(new Listed(e.getValue().tag(), action.group(1), false, counts.group(1), counts.group(2)))
                    .as("the image page of " + e.getValue().tag()).isEqualTo(e.getValue());
        }
    }

    private static String idOf(Map<String, Listed> rows, String tag) {
        return rows.entrySet().stream().filter(e -> e.getValue().tag().equals(tag)).findFirst().orElseThrow()
                .getKey();
    }

    private static Listed byTag(Map<String, Listed> rows, String tag) {
        return rows.values().stream().filter(r -> r.tag().equals(tag)).findFirst().orElseThrow();
    }

    private static Map<String, Listed> rows(String html) {
        Map<String, Listed> out = new LinkedHashMap<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            out.put(m.group(1), new Listed(m.group(2), m.group(3), m.group(4) != null, m.group(5), m.group(6)));
        }
        return out;
    }

    /** What a committed feed update does to the data version every replica reads. */
    private static void dataVersion(PlimsollServer s, String checksum) throws Exception {
        try (Connection c = s.context().database().connection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO vuln_source (name, fetched_at, checksum) VALUES ('alpine', now(), '" + checksum
                    + "') ON CONFLICT (name) DO UPDATE SET fetched_at = now(), checksum = excluded.checksum");
        }
    }

    /** An analysed Alpine 3.19 image with one package, as {@code POST /v1/import/images} makes it. */
    private static void importSbom(PlimsollServer s, String tag, String name, String version) throws Exception {
        String sbom = """
                {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
                 "metadata": {"component": {"type": "container", "name": "registry.example/team/%s"}},
                 "components": [
                   {"type": "operating-system", "name": "alpine", "version": "3.19.1"},
                   {"type": "library", "name": "%s", "version": "%s",
                    "purl": "pkg:apk/alpine/%s@%s?arch=x86_64&distro=alpine-3.19.1"}]}
                """.formatted(tag, name, version, name, version);
        HttpResponse<String> r = TestServers.send("POST", s.baseUrl() + "/v1/import/images?tag=registry.example/team/"
                + "app:" + tag, sbom, "Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PW)
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Exchange.JSON.readTree(r.body()).get(0).path("analysis_status").asText()).isEqualTo("analyzed");
    }
}
