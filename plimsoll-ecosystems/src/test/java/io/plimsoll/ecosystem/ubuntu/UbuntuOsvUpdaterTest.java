package io.plimsoll.ecosystem.ubuntu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.model.Distro;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UbuntuOsvUpdaterTest {

    private static final List<String> RECORDS = List.of("UBUNTU-CVE-2024-0727.json", "UBUNTU-CVE-2009-3720.json",
            "USN-2249-1.json");

    @TempDir
    Path tmp;

    private final RecordingSink sink = new RecordingSink();

    /** The fixture records zipped as osv.dev publishes them: {@code Ubuntu/all.zip}, one record per entry. */
    @BeforeEach
    void load() throws Exception {
        try (OutputStream file = Files.newOutputStream(tmp.resolve("all.zip")); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String name : RECORDS) {
                zip.putNextEntry(new ZipEntry(name));
                try (InputStream in = getClass().getResourceAsStream("osv/" + name)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        new UbuntuOsvUpdater().update(new LocalFeedFetcher("ubuntu", tmp), sink);
    }

    private static Package deb(String name, String version, String source, String sourceVersion) {
        return new Package("deb", name, version, "amd64", source, sourceVersion, List.of(),
                "pkg:deb/ubuntu/" + name + "@" + version, List.of(), "dpkg", "/var/lib/dpkg/status", null, Map.of());
    }

    private List<Finding> match(String release, Package... packages) {
        Distro ubuntu = new Distro("ubuntu", release, "", "Ubuntu " + release, "", List.of("debian"));
        return new Matcher(new MemoryVulnStore(sink), Ecosystems.matchRules(), VersionSchemes::byName)
                .match(List.of(packages), Optional.of(ubuntu));
    }

    @Test
    void cveRecordsAreReadAndNoticesSkipped() {
        assertThat(sink.advisories).extracting(Advisory::id)
                .containsExactly("UBUNTU-CVE-2024-0727", "UBUNTU-CVE-2009-3720");
        Advisory a = sink.advisory("UBUNTU-CVE-2024-0727").orElseThrow();
        assertThat(a.source()).isEqualTo("ubuntu");
        assertThat(a.cveIds()).containsExactly("CVE-2024-0727"); // from "upstream": joins NVD, KEV and EPSS
        assertThat(a.sourceSeverity()).isEqualTo("low");
        assertThat(a.severity()).isEqualTo(Severity.LOW);
        assertThat(a.cvss()).extracting(c -> c.score()).containsExactly(5.5, 5.5);
    }

    @Test
    void releasesBecomeNamespacesProIncludedFipsLeftOut() {
        assertThat(sink.affected).extracting(AffectedPackage::namespace, AffectedPackage::name, AffectedPackage::scheme,
                        AffectedPackage::status)
                .containsExactly(
                        tuple("ubuntu:18.04", "openssl", "deb", AffectedStatus.FIXED),
                        tuple("ubuntu:20.04", "openssl", "deb", AffectedStatus.FIXED),
                        tuple("ubuntu:22.04", "openssl", "deb", AffectedStatus.FIXED),
                        tuple("ubuntu:22.04", "nodejs", "deb", AffectedStatus.AFFECTED),
                        tuple("ubuntu:22.04", "swish-e", "deb", AffectedStatus.AFFECTED),
                        tuple("ubuntu:24.10", "sitecopy", "deb", AffectedStatus.AFFECTED));
        assertThat(sink.affected("ubuntu:22.04", "swish-e").get(0).severity()).isEqualTo("low");
    }

    @Test
    void binaryPackagesMatchThroughTheirSourceInTheImagesRelease() {
        List<Finding> found = match("22.04",
                deb("libssl3", "3.0.2-0ubuntu1.13", "openssl", "3.0.2-0ubuntu1.13"),
                // at the fix: the FIPS-preview stream's "every version" entry must not make it affected
                deb("openssl", "3.0.2-0ubuntu1.14", "openssl", "3.0.2-0ubuntu1.14"),
                deb("libnode72", "12.22.9~dfsg-1ubuntu3.6", "nodejs", "12.22.9~dfsg-1ubuntu3.6"),
                deb("swish-e", "2.4.7-6.1build1", "swish-e", "2.4.7-6.1build1"));
        assertThat(found).extracting(f -> f.pkg().name(), Finding::matchedName, Finding::status, Finding::fixedVersions,
                        Finding::severity, Finding::matchedBy)
                .containsExactly(
                        tuple("libnode72", "nodejs", AffectedStatus.AFFECTED, List.of(), Severity.LOW, "ubuntu"),
                        tuple("libssl3", "openssl", AffectedStatus.FIXED, List.of("3.0.2-0ubuntu1.14"), Severity.LOW, "ubuntu"),
                        tuple("swish-e", "swish-e", AffectedStatus.AFFECTED, List.of(), Severity.LOW, "ubuntu"));
    }

    @Test
    void aReleasePastStandardSupportGetsItsEsmFix() {
        assertThat(match("18.04", deb("libssl1.1", "1.1.1-1ubuntu2.1~18.04.23", "openssl", "1.1.1-1ubuntu2.1~18.04.23")))
                .singleElement().satisfies(f -> assertThat(f.fixedVersions()).containsExactly("1.1.1-1ubuntu2.1~18.04.23+esm4"));
        // the same package on another release is looked up in that release only
        assertThat(match("24.04", deb("libssl1.1", "1.1.1-1ubuntu2.1~18.04.23", "openssl", "1.1.1-1ubuntu2.1~18.04.23")))
                .isEmpty();
    }

    @Test
    void ecosystemNames() {
        assertThat(UbuntuOsvUpdater.namespace("Ubuntu:22.04:LTS")).contains("ubuntu:22.04");
        assertThat(UbuntuOsvUpdater.namespace("Ubuntu:24.10")).contains("ubuntu:24.10");
        assertThat(UbuntuOsvUpdater.namespace("Ubuntu:Pro:18.04:LTS")).contains("ubuntu:18.04");
        assertThat(UbuntuOsvUpdater.namespace("Ubuntu:Pro:FIPS:16.04:LTS")).isEmpty();
        assertThat(UbuntuOsvUpdater.namespace("Ubuntu:Pro:FIPS-updates:22.04:LTS")).isEmpty();
        assertThat(UbuntuOsvUpdater.namespace("Ubuntu:22.04:Something")).isEmpty();
        assertThat(UbuntuOsvUpdater.namespace("Debian:12")).isEmpty();
        assertThat(UbuntuOsvUpdater.namespace("Ubuntu")).isEmpty();
    }

    @Test
    void theRuleOnlyHandlesUbuntuDebs() {
        UbuntuMatchRule rule = new UbuntuMatchRule();
        Package p = deb("libssl3", "3.0.2-0ubuntu1.13", "openssl", "3.0.2-0ubuntu1.13");
        assertThat(rule.queries(p, Optional.of(new Distro("debian", "12", "bookworm", "", "", List.of())))).isEmpty();
        assertThat(rule.queries(p, Optional.empty())).isEmpty();
        assertThat(rule.queries(p, Optional.of(new Distro("ubuntu", "22.04", "jammy", "", "", List.of("debian")))))
                .singleElement().satisfies(q -> {
                    assertThat(q.namespace()).isEqualTo("ubuntu:22.04");
                    assertThat(q.name()).isEqualTo("openssl");
                    assertThat(q.version()).isEqualTo("3.0.2-0ubuntu1.13");
                });
    }

    @Test
    void anHtmlPageInsteadOfTheZipIsNamed() throws Exception {
        Files.writeString(tmp.resolve("all.zip"), "<html><body>503 Service Unavailable</body></html>",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new UbuntuOsvUpdater().update(new LocalFeedFetcher("ubuntu", tmp), new RecordingSink()))
                .isInstanceOf(FeedException.class).hasMessageContaining(tmp.resolve("all.zip").toString())
                .hasMessageContaining("HTML");
    }
}
