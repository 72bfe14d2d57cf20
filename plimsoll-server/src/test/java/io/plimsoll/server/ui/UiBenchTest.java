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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Issue 17's performance goals, through HTTP against a real server: (a) the images table over 10,000 analysed
 * images (goal &lt; 200 ms, the first request included) in every order, and the dashboard; (b) the page of an
 * image with 1,500 findings (goal p95 &lt; 100 ms), alone and under 8 concurrent clients; (c) that page's DOM ready
 * in headless Chromium (goal &lt; 1 s), read from the Navigation Timing API through Selenium. Times are measured at
 * the client, so they include the HTTP exchange. Not part of the test command:
 * {@code mvn -B -o verify -pl plimsoll-server -am -Dtest=UiBenchTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dplimsoll.bench=true}. Prints p50/p95 per page.
 */
@EnabledIfSystemProperty(named = "plimsoll.bench", matches = "true")
class UiBenchTest {

    private static final int IMAGES = 10_000;
    private static final int PACKAGES = 500;
    private static final int ADVISORIES_PER_PACKAGE = 3;
    private static final int RUNS = 100;
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void theImagesTableAndABigImagePage() throws Exception {
        try (PlimsollServer s = UiTesting.server(TestPostgres.newDatabaseUrl(), dir, Map.of(), feed(), false)) {
            long filling = System.nanoTime();
            fill(s);
            System.out.printf("filled %,d images in %.1f s; load average %.1f on %d cores%n", IMAGES,
                    (System.nanoTime() - filling) / 1e9, java.lang.management.ManagementFactory
                            .getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            explain(s);
            Browser b = Browser.signedIn(s, "admin", UiTesting.ADMIN_PASSWORD);
            long first = System.nanoTime();
            HttpResponse<String> firstPage = b.get("/ui/images");
            System.out.printf("%-60s first request %7.1f ms%n", "/ui/images", (System.nanoTime() - first) / 1e6);
            assertThat(firstPage.body()).contains(IMAGES + " images").doesNotContain("class=\"updating\"");
            for (String page : List.of("/ui/images", "/ui/images?sort=policy", "/ui/images?sort=critical",
                    "/ui/images?sort=critical&page=399", "/ui/images?sort=analysed", "/ui/images?sort=tag",
                    "/ui/images?q=app42&sort=policy", "/ui/images?status=analyzed&sort=critical", "/ui/")) {
                measure(b, page, RUNS);
            }

            String id = bigImage(s);
            long firstImage = System.nanoTime();
            String html = b.get("/ui/images/" + id).body();
            System.out.printf("%-60s first request %7.1f ms (match and evaluation)%n", "image, 1,500 findings",
                    (System.nanoTime() - firstImage) / 1e6);
            assertThat(html).contains("Show all " + PACKAGES * ADVISORIES_PER_PACKAGE);
            String all = b.get("/ui/images/" + id + "?all=1").body();
            assertThat(all.split("<tr>", -1).length).isGreaterThan(PACKAGES * ADVISORIES_PER_PACKAGE);
            System.out.printf("image page: %,d bytes, %,d table rows; with ?all=1 %,d bytes, %,d rows%n",
                    html.length(), html.split("<tr>", -1).length - 1, all.length(), all.split("<tr>", -1).length - 1);
            measure(b, "/ui/images/" + id, RUNS);
            measure(b, "/ui/images/" + id + "?all=1", RUNS);
            measure(b, "/ui/images/" + id + "?sort=epss&fixable=1", RUNS);
            underLoad(b, "/ui/images/" + id, 8, 400);
            domReady(s, id);
        }
    }

    /** The plan of the page of ids sorted by policy result (the images table's slowest order). */
    private static void explain(PlimsollServer s) throws Exception {
        try (Connection c = s.context().database().connection(); Statement st = c.createStatement();
             var rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) SELECT i.id FROM analysis_image i LEFT JOIN"
                     + " image_evaluation e ON e.account = i.account AND e.image_digest = i.image_digest"
                     + " AND e.image_name = coalesce(i.tag, i.pull_reference) WHERE i.account = 'admin'"
                     + " ORDER BY CASE e.final_action WHEN 'STOP' THEN 0 WHEN 'WARN' THEN 1 WHEN 'GO' THEN 2"
                     + " ELSE 3 END, e.critical DESC NULLS LAST, i.id LIMIT 25 OFFSET 0")) {
            while (rs.next()) {
                System.out.println("  " + rs.getString(1));
            }
        }
    }

    private static void measure(Browser b, String path, int runs) throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(b.get(path).statusCode()).isEqualTo(200);
        }
        long[] nanos = new long[runs];
        long cpu = cpuNanos();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = b.get(path);
            nanos[i] = System.nanoTime() - t;
            assertThat(r.statusCode()).isEqualTo(200);
        }
        // the server runs in this JVM: its CPU per request (client included, PostgreSQL not), which the machine's
        // other load does not stretch as it stretches wall time
        print(path + String.format(" [JVM CPU %.1f ms/req]", (cpuNanos() - cpu) / 1e6 / runs), nanos);
    }

    private static void underLoad(Browser b, String path, int clients, int requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Long>> times = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                times.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    HttpResponse<String> r = b.get(path);
                    assertThat(r.statusCode()).isEqualTo(200);
                    return System.nanoTime() - t;
                }));
            }
            long[] nanos = new long[requests];
            for (int i = 0; i < requests; i++) {
                nanos[i] = times.get(i).get();
            }
            print(path + " (" + clients + " clients)", nanos);
        } finally {
            pool.shutdown();
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void print(String what, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("%-60s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms%n", what, nanos[nanos.length / 2] / 1e6,
                nanos[nanos.length * 95 / 100] / 1e6, nanos[nanos.length - 1] / 1e6);
    }

    /** DOM ready of the image page in headless Chromium, from the Navigation Timing API, 20 loads. */
    private static void domReady(PlimsollServer s, String id) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            System.out.println("chromium and chromium-driver are not installed; no DOM-ready timing");
            return;
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        WebDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .build(), options);
        try {
            driver.get(s.baseUrl() + "/ui/signin");
            driver.findElement(By.id("username")).sendKeys("admin");
            driver.findElement(By.id("password")).sendKeys(UiTesting.ADMIN_PASSWORD);
            driver.findElement(By.xpath("//button[normalize-space()='Sign in']")).click();
            int loads = 20;
            long[] ready = new long[loads];
            long[] response = new long[loads];
            for (int i = 0; i < loads + 3; i++) {
                driver.get(s.baseUrl() + "/ui/images/" + id);
                @SuppressWarnings("unchecked")
                Map<String, Object> t = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(
                        "const n = performance.getEntriesByType('navigation')[0];"
                                + " return {ready: n.domContentLoadedEventEnd, response: n.responseEnd};");
                if (i >= 3) {
                    ready[i - 3] = Math.round(((Number) t.get("ready")).doubleValue() * 1e6);
                    response[i - 3] = Math.round(((Number) t.get("response")).doubleValue() * 1e6);
                }
            }
            print("chromium: response end of the image page", response);
            print("chromium: DOM content loaded of the image page", ready);
        } finally {
            driver.quit();
        }
    }

    /** 500 Alpine packages, each with three advisories (severities and fixes mixed): 1,500 findings. */
    private static MemoryVulnStore feed() {
        RecordingSink sink = new RecordingSink();
        Severity[] severities = {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW};
        for (int p = 0; p < PACKAGES; p++) {
            for (int a = 0; a < ADVISORIES_PER_PACKAGE; a++) {
                String cve = String.format("CVE-2025-%05d", p * ADVISORIES_PER_PACKAGE + a);
                Severity sev = severities[(p + a) % severities.length];
                sink.advisory(new Advisory(cve, "alpine", List.of(), "advisory " + cve, "", Optional.empty(),
                        Optional.empty(), List.of(), sev.label(), sev, List.of()));
                sink.affected(a == 2 ? AffectedPackage.unfixed(cve, "alpine", "alpine:3.19", pkg(p), "apk",
                        io.plimsoll.vuln.AffectedStatus.AFFECTED)
                        : AffectedPackage.fixedIn(cve, "alpine", "alpine:3.19", pkg(p), "apk", "2.0." + a + "-r0"));
            }
        }
        return new MemoryVulnStore(sink);
    }

    private static String pkg(int p) {
        return String.format("pkg-%03d", p);
    }

    /** The image of {@link #feed}'s 500 packages, imported as a CycloneDX SBOM; its record id. */
    private static String bigImage(PlimsollServer s) throws Exception {
        StringBuilder components = new StringBuilder("{\"type\": \"operating-system\", \"name\": \"alpine\","
                + " \"version\": \"3.19.1\"}");
        for (int p = 0; p < PACKAGES; p++) {
            components.append(",{\"type\": \"library\", \"name\": \"").append(pkg(p))
                    .append("\", \"version\": \"1.0-r0\", \"purl\": \"pkg:apk/alpine/").append(pkg(p))
                    .append("@1.0-r0?arch=x86_64&distro=alpine-3.19.1\"}");
        }
        String sbom = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"version\": 1, \"metadata\":"
                + " {\"component\": {\"type\": \"container\", \"name\": \"registry.example/team/big\"}},"
                + " \"components\": [" + components + "]}";
        HttpResponse<String> r = TestServers.send("POST", s.baseUrl() + "/v1/import/images?tag="
                + "registry.example/team/big:1", sbom, "Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + UiTesting.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Exchange.JSON.readTree(r.body()).get(0).path("record_id").asText();
    }

    /**
     * 10,000 analysed images of the admin account made by SQL, each with a current stored evaluation (as the worker
     * leaves it): verdicts and counts spread so every order has work to do.
     */
    private static void fill(PlimsollServer s) throws Exception {
        String dataKey = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(new byte[0]));
        try (Connection c = s.context().database().connection(); Statement st = c.createStatement()) {
            String digest = "'sha256:' || lpad(to_hex(g), 64, '0')";
            String tag = "'registry.example/team/app' || (g % 100) || ':' || g";
            st.execute("INSERT INTO analysis_result (image_digest, config_digest, distro, package_count, document)"
                    + " SELECT " + digest + ", 'sha256:' || lpad(to_hex(g + 1000000), 64, '0'), 'debian:12', 200,"
                    + " '\\x00'::bytea FROM generate_series(1, " + IMAGES + ") g");
            st.execute("INSERT INTO analysis_image (id, tag, pull_reference, image_digest, status, account,"
                    + " analyzed_at, created_at) SELECT 'img-' || g, " + tag + ", " + tag + ", " + digest
                    + ", 'analyzed', 'admin', now() - g * interval '1 minute', now() - g * interval '1 minute'"
                    + " FROM generate_series(1, " + IMAGES + ") g");
            st.execute("INSERT INTO image_evaluation (account, image_digest, image_name, policy_key, data_key,"
                    + " final_action, critical, high, medium, low, other, kev, fixable, critical_fixable) SELECT"
                    + " 'admin', " + digest + ", " + tag + ", 'default', '" + dataKey + "',"
                    + " (ARRAY['GO', 'WARN', 'STOP'])[1 + g % 3], g % 7, g % 11, g % 13, g % 5, 0, g % 2, g % 17,"
                    + " g % 3 FROM generate_series(1, " + IMAGES + ") g");
            st.execute("VACUUM ANALYZE");
        }
    }
}
