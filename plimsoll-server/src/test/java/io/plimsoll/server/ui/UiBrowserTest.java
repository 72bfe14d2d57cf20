package io.plimsoll.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The UI in a real browser (Debian's chromium and chromium-driver, headless): sign in, add an image pushed to a
 * real docker-registry, wait for its analysis, sort its vulnerabilities by severity, open a CVE page and find the
 * image there, upload a policy bundle, look at the dashboard, sign out; no console errors (a CSP violation is one).
 * Screenshots go to {@code target/ui-screenshots} for review.
 */
class UiBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "ui-screenshots");
    private static final String HIGH = "CVE-2025-31337";
    private static final String CRITICAL = "CVE-2025-40001";
    private static final String BUNDLE =
            io.plimsoll.server.testing.TestBundles.stopOnHigh("browser-bundle", "from the browser");

    @TempDir
    Path dir;

    @Test
    void aSecurityEngineersMorningInChromium() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver);"
                        + " skipping the browser test");
        LocalRegistry.requireBinary();
        Files.createDirectories(SHOTS);
        Path bundle = Files.writeString(dir.resolve("bundle.json"), BUNDLE);
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             PlimsollServer s = UiTesting.server(TestPostgres.newDatabaseUrl(), dir, Map.of("registries.secret_key",
                     java.util.Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k')), feed(), true)) {
            registry.push("team/app", image(), "1");
            String tag = registry.host() + "/team/app:1";
            WebDriver driver = chromium();
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
                driver.get(s.baseUrl() + "/");
                assertThat(driver.getCurrentUrl()).contains("/ui/signin");
                byLabel(driver, "Username").sendKeys("admin");
                byLabel(driver, "Password").sendKeys(UiTesting.ADMIN_PASSWORD);
                shot(driver, "01-sign-in");
                button(driver, "Sign in").click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("severity-title")));
                driver.findElement(By.linkText("Images")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("add-title")));

                byLabel(driver, "Image reference").sendKeys(tag);
                button(driver, "Analyze").click();
                // the page of an image being analysed reloads itself until the analysis is there
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("vulnerabilities")));
                assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(tag);
                assertThat(driver.findElement(By.tagName("main")).getText())
                        .contains("<script>alert('label')</script>");
                driver.findElement(By.linkText("package")).click();
                driver.findElement(By.linkText("severity")).click();
                List<WebElement> severities = driver.findElements(By.cssSelector("table.findings tbody .sev"));
                assertThat(severities).extracting(WebElement::getText).containsExactly("critical", "high");
                assertThat(driver.findElement(By.cssSelector("table.findings tbody tr")).getText())
                        .contains(CRITICAL).contains("busybox").contains("ADD file:alpine");
                shot(driver, "02-image");
                driver.findElement(By.linkText("Fixable only")).click();
                assertThat(driver.findElements(By.cssSelector("table.findings tbody .sev")))
                        .extracting(WebElement::getText).containsExactly("high");
                String cookie = "plimsoll_session=" + driver.manage().getCookieNamed("plimsoll_session").getValue();
                String reports = driver.getCurrentUrl().replaceAll("\\?.*", "") + "/reports/";
                assertThat(download(reports + "scan-sarif", cookie)).contains("sarif-2.1.0").contains("ruleId")
                        .contains(HIGH);
                assertThat(download(reports + "sbom-spdx-json", cookie)).contains("\"spdxVersion\"")
                        .contains("busybox");

                driver.findElement(By.linkText(HIGH)).click();
                wait.until(ExpectedConditions.titleContains(HIGH));
                assertThat(driver.findElement(By.cssSelector("#affected + * table, #affected ~ div table"))
                        .getText()).contains(tag).contains("musl").contains("1.2.4_git20230717-r5");
                shot(driver, "03-vulnerability");

                driver.findElement(By.linkText("Policies")).click();
                driver.findElement(By.id("bundle")).sendKeys(bundle.toString());
                driver.findElement(By.name("activate")).click();
                button(driver, "Upload").click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                        "Uploaded policy bundle browser-bundle."));
                assertThat(driver.findElement(By.cssSelector("table.policies")).getText())
                        .contains("browser-bundle").contains("active");
                shot(driver, "04-policies");

                driver.findElement(By.linkText("Dashboard")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#severity-chart canvas")));
                assertThat(driver.findElement(By.cssSelector(".cards")).getText()).contains("1\nfail");
                shot(driver, "05-dashboard");

                // the registry's credentials are added from the keyboard (no login tried) and never shown again
                driver.findElement(By.linkText("Registries")).click();
                byLabel(driver, "Registry").sendKeys(registry.host());
                driver.findElement(By.id("registry-user")).sendKeys("puller");
                driver.findElement(By.id("registry-password")).sendKeys("browser-s3cret");
                driver.findElement(By.name("validate")).click();
                driver.findElement(By.id("registry-password")).sendKeys(org.openqa.selenium.Keys.ENTER);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                        "Added registry " + registry.host() + "."));
                assertThat(driver.findElement(By.cssSelector("table.registries")).getText()).contains("puller")
                        .doesNotContain("browser-s3cret");
                assertThat(driver.getPageSource()).doesNotContain("browser-s3cret");
                shot(driver, "06-registries");
                driver.findElement(By.linkText("Watches")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("repositories-title")));
                shot(driver, "07-watches");
                driver.findElement(By.linkText("Events")).click();
                new org.openqa.selenium.support.ui.Select(byLabel(driver, "Level")).selectByVisibleText("INFO");
                button(driver, "Filter").click();
                wait.until(ExpectedConditions.urlContains("level=INFO"));
                shot(driver, "08-events");
                driver.findElement(By.linkText("Registries")).click();
                driver.findElement(By.cssSelector("button[aria-label='Remove " + registry.host() + "']")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
                        "No registry is registered."));

                button(driver, "Sign out").click();
                wait.until(ExpectedConditions.urlContains("/ui/signin"));
                driver.get(s.baseUrl() + "/ui/images");
                assertThat(driver.getCurrentUrl()).contains("/ui/signin");

                List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
                assertThat(errors).as("console errors").isEmpty();
            } catch (Exception | AssertionError e) {
                shot(driver, "failed");
                throw e;
            } finally {
                driver.quit();
            }
        }
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    /** A report link's body, fetched with the browser's session as the download would be. */
    private static String download(String url, String cookie) throws Exception {
        java.net.http.HttpResponse<String> r = io.plimsoll.server.testing.TestServers.get(url, "Cookie", cookie);
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        return r.body();
    }

    private static WebElement byLabel(WebDriver driver, String label) {
        WebElement l = driver.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return driver.findElement(By.id(l.getAttribute("for")));
    }

    private static WebElement button(WebDriver driver, String text) {
        return driver.findElement(By.xpath("//button[normalize-space()='" + text + "']"));
    }

    private static void shot(WebDriver driver, String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** Alpine 3.19 with a musl that has a fixed high finding and a busybox with an unfixed critical one. */
    private static TestImage image() {
        String db = "P:musl\nV:1.2.4_git20230717-r4\nA:x86_64\nL:MIT\no:musl\n\n"
                + "P:busybox\nV:1.36.1-r15\nA:x86_64\nL:GPL-2.0-only\no:busybox\n\n";
        return TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                        .file("lib/apk/db/installed", db), Compressor.GZIP, "/bin/sh -c #(nop) ADD file:alpine in / ")
                .label("org.example.note", "<script>alert('label')</script>");
    }

    private static MemoryVulnStore feed() {
        RecordingSink sink = new RecordingSink();
        sink.advisory(new Advisory(HIGH, "alpine", List.of(), "musl overflow", "", Optional.empty(), Optional.empty(),
                List.of("https://security.alpinelinux.org/vuln/" + HIGH), "High", Severity.HIGH, List.of()));
        sink.affected(AffectedPackage.fixedIn(HIGH, "alpine", "alpine:3.19", "musl", "apk", "1.2.4_git20230717-r5"));
        sink.advisory(new Advisory(CRITICAL, "alpine", List.of(), "busybox shell escape", "", Optional.empty(),
                Optional.empty(), List.of(), "Critical", Severity.CRITICAL, List.of()));
        sink.affected(AffectedPackage.unfixed(CRITICAL, "alpine", "alpine:3.19", "busybox", "apk",
                io.plimsoll.vuln.AffectedStatus.AFFECTED));
        return new MemoryVulnStore(sink);
    }
}
