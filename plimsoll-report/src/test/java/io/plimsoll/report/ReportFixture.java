package io.plimsoll.report;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.image.HistoryStep;
import io.plimsoll.image.Image;
import io.plimsoll.image.ImageConfig;
import io.plimsoll.image.Layer;
import io.plimsoll.image.SourceKind;
import io.plimsoll.image.tree.FileTreeBuilder;
import io.plimsoll.image.walk.WalkResult;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Distro;
import io.plimsoll.model.Platform;
import io.plimsoll.policy.BundleReader;
import io.plimsoll.policy.content.ContentFindings;
import io.plimsoll.policy.eval.BundleValidator;
import io.plimsoll.policy.eval.Evaluation;
import io.plimsoll.policy.eval.PolicyEvaluator;
import io.plimsoll.policy.eval.ValidatedBundle;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.report.scan.PolicyResult;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.suppress.Suppressed;
import io.plimsoll.vuln.suppress.Suppression;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A fixed scan built in code for the golden report tests: a Debian image of two layers with a dpkg, a Maven and an
 * npm package (licenses that are SPDX ids, one in the wrong case, a deprecated one and free-text names), findings
 * with CVSS, EPSS and KEV, one finding suppressed by VEX, data from a fixed instant and a policy that stops.
 */
final class ReportFixture {

    static final String TOOL_VERSION = "0.0.0-golden";
    static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    private ReportFixture() {
    }

    static Digest digest(char c) {
        return Digest.parse("sha256:" + String.valueOf(c).repeat(64));
    }

    static Inventory inventory() {
        HistoryStep base = new HistoryStep(0, Optional.of(NOW.minus(Duration.ofDays(30))),
                "/bin/sh -c #(nop) ADD file:abc in / ", "", false, OptionalInt.of(0));
        HistoryStep app = new HistoryStep(1, Optional.of(NOW.minus(Duration.ofDays(1))),
                "COPY app/ /opt/my app/ # buildkit", "", false, OptionalInt.of(1));
        Layer l0 = new Layer(0, Optional.of(digest('1')), "application/vnd.oci.image.layer.v1.tar+gzip", 1234,
                Optional.of(digest('a')), Optional.of(base));
        Layer l1 = new Layer(1, Optional.of(digest('2')), "application/vnd.oci.image.layer.v1.tar+gzip", 5678,
                Optional.of(digest('b')), Optional.of(app));
        Image image = new Image("docker-archive:app.tar", SourceKind.DOCKER_ARCHIVE, Optional.of(digest('d')),
                Optional.of(digest('c')), new Platform("linux", "amd64", ""), List.of("registry.example.com/app:1.0"),
                ImageConfig.EMPTY, List.of(l0, l1), List.of());
        Distro distro = new Distro("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)",
                "cpe:/o:debian:debian_linux:12", List.of());
        Provenance inBase = new Provenance(0, Optional.of(digest('1')), Optional.of(base.createdBy()));
        Provenance inApp = new Provenance(1, Optional.of(digest('2')), Optional.of(app.createdBy()));
        Package openssl = new Package("deb", "libssl3", "3.0.11-1~deb12u1", "amd64", "openssl", "3.0.11-1~deb12u1",
                List.of("Apache-2.0", "GPL-2+", "gpl-2.0-only"),
                "pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12&upstream=openssl",
                List.of("/usr/lib/x86_64-linux-gnu/libssl.so.3"), "dpkg", "/var/lib/dpkg/status", inBase,
                Map.of("maintainer", "Debian OpenSSL Team", "installedSize", "6000"));
        Package log4j = new Package("maven", "log4j-core", "2.14.1", "", "log4j-core", "2.14.1",
                List.of("Apache-2.0", "GPL-2.0+"), "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", List.of(),
                "java-archive", "/opt/my app/lib/log4j-core-2.14.1.jar", inApp,
                Map.of("groupId", "org.apache.logging.log4j"));
        Package lodash = new Package("npm", "lodash", "4.17.20", "", "lodash", "4.17.20", List.of("MIT", "BSD style"),
                "pkg:npm/lodash@4.17.20", List.of(), "npm-lock", "/opt/my app/package-lock.json", inApp, Map.of());
        WalkResult walk = new WalkResult(image, new FileTreeBuilder().build(), List.of());
        return new Inventory(image, Optional.of(distro), List.of(openssl, log4j, lodash),
                List.of("/opt/my app/broken.jar: not a zip archive"), walk);
    }

    static List<Finding> findings(Inventory inv) {
        Package openssl = inv.packages().get(0);
        Package log4j = inv.packages().get(1);
        Package lodash = inv.packages().get(2);
        Cvss v3 = new Cvss("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "nvd");
        Advisory log4shell = new Advisory("GHSA-jfh8-c2jp-5v3q", "osv", List.of("CVE-2021-44228"),
                "Remote code injection in Log4j", "Apache Log4j2 JNDI features <do not> protect & \"escape\".",
                Optional.of(NOW.minus(Duration.ofDays(900))), Optional.empty(),
                List.of("https://nvd.nist.gov/vuln/detail/CVE-2021-44228"), "CRITICAL", Severity.CRITICAL,
                List.of(v3));
        Advisory ssl = new Advisory("CVE-2023-5678", "debian", List.of("DSA-5999-1"), "",
                "Generating excessively long X9.42 DH keys\nis slow.", Optional.empty(), Optional.empty(),
                List.of(), "low**", Severity.LOW, List.of());
        Advisory unfixed = new Advisory("CVE-2024-0727", "debian", List.of(), "PKCS12 NULL dereference", "",
                Optional.empty(), Optional.empty(), List.of(), "", Severity.UNKNOWN, List.of());
        Advisory proto = new Advisory("GHSA-35jh-r3h4-6jhm", "osv", List.of("CVE-2021-23337"),
                "Command Injection in lodash", "", Optional.empty(), Optional.empty(), List.of(), "HIGH",
                Severity.HIGH, List.of(new Cvss("3.1", "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2, "osv")));
        return List.of(
                new Finding(log4j, "Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", log4shell,
                        AffectedStatus.FIXED, List.of("2.15.0", "2.16.0", "2.17.1"), Severity.CRITICAL, "osv",
                        List.of(v3), Optional.of(new EpssScore("CVE-2021-44228", 0.97565, 0.99996,
                        Optional.of(LocalDate.parse("2025-01-01")))),
                        Optional.of(new KevEntry("CVE-2021-44228", LocalDate.parse("2021-12-10"),
                                Optional.of(LocalDate.parse("2021-12-24")), true, "Apache", "Log4j2",
                                "Apache Log4j2 RCE", "Apply updates")), "maven-group-artifact"),
                new Finding(openssl, "debian:12", "openssl", "3.0.11-1~deb12u1", ssl, AffectedStatus.FIXED,
                        List.of("3.0.13-1~deb12u1"), Severity.LOW, "debian", List.of(), Optional.empty(),
                        Optional.empty(), "source-package"),
                new Finding(openssl, "debian:12", "openssl", "3.0.11-1~deb12u1", unfixed, AffectedStatus.AFFECTED,
                        List.of(), Severity.UNKNOWN, "debian", List.of(), Optional.empty(), Optional.empty(),
                        "source-package"),
                new Finding(lodash, "npm", "lodash", "4.17.20", proto, AffectedStatus.FIXED, List.of("4.17.21"),
                        Severity.HIGH, "osv", proto.cvss(), Optional.empty(), Optional.empty(), "semver"));
    }

    /** The lodash finding, cleared by a VEX statement; the others stay. */
    static List<Suppressed> suppressed(List<Finding> findings) {
        return List.of(new Suppressed(findings.get(3), new Suppression(Suppression.Kind.VEX, "not_affected",
                "vulnerable_code_not_in_execute_path", "template() is never called", "app.openvex.json")));
    }

    static List<Finding> kept(List<Finding> findings) {
        return findings.subList(0, 3);
    }

    static DataFreshness data() {
        SourceStatus debian = new SourceStatus("debian", "https://security-tracker.debian.org/",
                Optional.of(NOW.minus(Duration.ofHours(5))), NOW.minus(Duration.ofHours(5)), Optional.empty(), 1200,
                "", Map.of(), Map.of());
        SourceStatus osv = new SourceStatus("osv", "https://osv-vulnerabilities.storage.googleapis.com/",
                Optional.of(NOW.minus(Duration.ofDays(4))), NOW.minus(Duration.ofHours(1)),
                Optional.of("osv/npm/all.zip: HTTP 503"), 800, "", Map.of(), Map.of());
        return DataFreshness.of(Path.of("/var/cache/plimsoll/vuln.db"), List.of(debian, osv),
                List.of("debian", "osv", "kev"), Duration.ofHours(72), NOW);
    }

    /** A bundle that stops on high and above and warns on an old image; evaluated on the kept findings. */
    static PolicyResult policy(Inventory inv, List<Finding> kept, DataFreshness data) throws Exception {
        String yaml = "id: golden\nname: Golden bundle\npolicies:\n"
                + "  - id: gate\n    name: Gate\n    rules:\n"
                + "      - {id: no-high, gate: vulnerabilities, trigger: package, action: STOP,"
                + " params: {package_type: all, severity_comparison: \">=\", severity: high}}\n"
                + "      - {id: any-low, gate: vulnerabilities, trigger: package, action: WARN,"
                + " params: {package_type: all, severity_comparison: \"=\", severity: low}}\n"
                + "mappings:\n  - {name: every image, policies: [gate]}\n";
        ValidatedBundle bundle = new BundleValidator().validate(BundleReader.strict().readSources(List.of(
                new BundleReader.Source("golden.yaml", yaml.getBytes(StandardCharsets.UTF_8)))), false);
        ImageContext context = new ImageContext(ImageName.parse("registry.example.com/app:1.0"), inv, kept, data,
                ContentFindings.NONE, Optional.empty(), NOW);
        Evaluation e = new PolicyEvaluator().evaluate(bundle, context);
        return new PolicyResult(bundle, e, java.util.Set.of(), e.finalAction(), List.of("a warning of the bundle"));
    }
}
