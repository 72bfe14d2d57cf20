package io.plimsoll.ecosystem.redhat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.feed.FeedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real Red Hat VEX documents (claircore's test data, and the newer ones of its acceptance tests). The expected rows
 * were read off the JSON with a separate Python script (walk product_tree for product ids → cpe/purl, join
 * relationships, map each product_status id whose product CPE is cpe:/[ao]:redhat:enterprise_linux:N[.M] to
 * (rhel:N, purl name, rpmmod name:stream, status, fixed EVR, threat impact), deduplicated) and, for the single rows
 * asserted below, checked by hand in the JSON.
 */
class VexDocumentParserTest {

    static final String VEX = "corpus/claircore/rhel/vex/testdata/";
    static final String ACCEPTANCE = "corpus/claircore/test/acceptance/testdata/";

    static VexRecord parse(String relative) throws FeedException {
        Path file = SharedCorpus.require(relative);
        return VexDocumentParser.parse("redhat", file.getFileName().toString(), FeedFiles.readJson("redhat", file));
    }

    static List<AffectedPackage> rows(VexRecord r, String namespace, String name) {
        return r.affected().stream().filter(a -> a.namespace().equals(namespace) && a.name().equals(name)).toList();
    }

    @Test
    void everyRealSampleParses() throws Exception {
        for (String dir : List.of(VEX, ACCEPTANCE)) {
            try (Stream<Path> files = Files.list(SharedCorpus.require(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    VexRecord r = parse(dir + f.getFileName());
                    assertThat(r.id()).as(f.toString()).matches("CVE-\\d{4}-\\d+");
                    assertThat(r.deleted()).as(f.toString()).isEqualTo(f.getFileName().toString().startsWith("delete_"));
                    for (AffectedPackage a : r.affected()) {
                        assertThat(a.namespace()).matches("rhel:(6|7|8|9|10)");
                        assertThat(a.scheme()).isEqualTo("rpm");
                        assertThat(a.advisoryId()).isEqualTo(r.id());
                        assertThat(a.status() == AffectedStatus.FIXED).isEqualTo(a.ranges().get(0).fixed().isPresent());
                    }
                }
            }
        }
    }

    @Test
    void curlFixedInTwoRhel9Streams() throws Exception {
        VexRecord r = parse(VEX + "cve-2023-38545.json");
        assertThat(r.advisory().id()).isEqualTo("CVE-2023-38545");
        assertThat(r.advisory().source()).isEqualTo("redhat");
        assertThat(r.advisory().title()).isEqualTo("curl: heap based buffer overflow in the SOCKS5 proxy handshake");
        assertThat(r.advisory().description()).startsWith("A heap-based buffer overflow flaw was found in the SOCKS5 proxy handshake");
        assertThat(r.advisory().sourceSeverity()).isEqualTo("Important");
        assertThat(r.advisory().severity()).isEqualTo(Severity.HIGH);
        assertThat(r.advisory().aliases()).containsExactlyInAnyOrder("RHSA-2023:5700", "RHSA-2023:5763",
                "RHSA-2023:6745", "RHSA-2023:7625", "RHSA-2023:7626", "RHSA-2024:0797", "RHSA-2024:2011");
        assertThat(r.advisory().cvss()).singleElement().satisfies(c -> {
            assertThat(c.vector()).isEqualTo("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H");
            assertThat(c.score()).isEqualTo(8.1);
            assertThat(c.version()).isEqualTo("3.1");
        });
        assertThat(r.advisory().published()).contains(Instant.parse("2023-10-11T00:00:00Z"));
        assertThat(r.advisory().modified()).contains(Instant.parse("2025-11-21T14:31:32Z"));
        assertThat(r.advisory().references()).contains("https://access.redhat.com/security/cve/CVE-2023-38545");
        // 9.2 (then the main stream, product AppStream-9.2.0.Z.MAIN.EUS) and 9.3: one row per build, not per arch
        assertThat(rows(r, "rhel:9", "curl")).extracting(a -> a.ranges().get(0).fixed().orElseThrow())
                .containsExactlyInAnyOrder("7.76.1-23.el9_2.4", "7.76.1-26.el9_3.2");
        assertThat(rows(r, "rhel:9", "libcurl-minimal")).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(AffectedStatus.FIXED);
            assertThat(a.severity()).isEqualTo("Important");
            assertThat(a.module()).isEmpty();
        });
        // rhel 7 and satellite/jboss rows are not RHEL 9 main stream rows; EUS 9.0 (cpe rhel_eus:9.0) is left out
        assertThat(rows(r, "rhel:9", "curl")).noneMatch(a -> a.ranges().get(0).fixed().orElse("").contains("el9_0"));
        assertThat(r.affected()).hasSize(30);
        assertThat(r.skipped()).isZero();
    }

    @Test
    void willNotFixAndFixDeferredFromRemediations() throws Exception {
        VexRecord r = parse(ACCEPTANCE + "cve-2024-0727-openssl.json");
        assertThat(rows(r, "rhel:6", "openssl")).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(AffectedStatus.WILL_NOT_FIX));
        assertThat(rows(r, "rhel:8", "openssl")).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AffectedStatus.FIX_DEFERRED);
            assertThat(a.ranges()).containsExactly(VersionRange.all());
            assertThat(a.severity()).isEqualTo("Low");
        });
        assertThat(rows(r, "rhel:9", "edk2")).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AffectedStatus.FIXED);
            assertThat(a.ranges()).containsExactly(VersionRange.fixedIn("20240524-6.el9_5"));
        });
        assertThat(r.advisory().sourceSeverity()).isEqualTo("Low");
        assertThat(r.affected()).hasSize(43);
    }

    @Test
    void olderDocumentsNameComponentsWithoutPurl() throws Exception {
        // CVE-2022-38752: "red_hat_enterprise_linux_7:snakeyaml", product "snakeyaml" has no purl, "Will not fix"
        VexRecord r = parse(VEX + "cve-2022-38752.json");
        assertThat(r.affected()).singleElement().satisfies(a -> {
            assertThat(a.namespace()).isEqualTo("rhel:7");
            assertThat(a.name()).isEqualTo("snakeyaml");
            assertThat(a.status()).isEqualTo(AffectedStatus.WILL_NOT_FIX);
            assertThat(a.severity()).isEqualTo("Moderate");
        });
        assertThat(r.advisory().sourceSeverity()).isEqualTo("moderate");
        assertThat(r.advisory().severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void moduleStreamRowsCollapseTheirContexts() throws Exception {
        // 4 contexts x 5 arches of perl-FCGI 1:0.78-12.module+el8.10.0+23147+<hash> in AppStream 8 → one row
        VexRecord r = parse(ACCEPTANCE + "cve-2025-40907-perl.json");
        assertThat(rows(r, "rhel:8", "perl-FCGI")).singleElement().satisfies(a -> {
            assertThat(a.module()).contains("perl-FCGI:0.78");
            assertThat(a.ranges()).containsExactly(VersionRange.fixedIn("1:0.78-12.module+el8.10.0+23147"));
            assertThat(a.severity()).isEqualTo("Important");
        });
        assertThat(rows(r, "rhel:9", "perl-FCGI")).singleElement().satisfies(a -> {
            assertThat(a.module()).isEmpty();
            assertThat(a.ranges()).containsExactly(VersionRange.fixedIn("1:0.79-8.1.el9_6"));
        });
        // RHEL 10 names its main stream by minor release: cpe:/o:redhat:enterprise_linux:10.1; 10.0 EUS is left out
        assertThat(rows(r, "rhel:10", "perl-FCGI")).singleElement()
                .satisfies(a -> assertThat(a.ranges()).containsExactly(VersionRange.fixedIn("1:0.82-13.1.el10_0")));
        assertThat(r.affected()).hasSize(9);
    }

    @Test
    void unfixedModuleComponentsKeepTheirStream() throws Exception {
        VexRecord r = parse(ACCEPTANCE + "cve-2026-27142.json");
        assertThat(rows(r, "rhel:8", "golang")).singleElement().satisfies(a -> {
            assertThat(a.module()).contains("go-toolset:rhel8");
            assertThat(a.status()).isEqualTo(AffectedStatus.FIX_DEFERRED);
        });
        assertThat(rows(r, "rhel:9", "golang")).singleElement().satisfies(a -> assertThat(a.module()).isEmpty());

        // a component that is a whole module (purl version "rhel8" is the stream, not a build)
        VexRecord illegal = parse(VEX + "cve-2024-24786-illegal-module.json");
        assertThat(illegal.affected()).singleElement().satisfies(a -> {
            assertThat(a.namespace()).isEqualTo("rhel:8");
            assertThat(a.name()).isEqualTo("go-toolset");
            assertThat(a.module()).contains("go-toolset:rhel8");
            assertThat(a.status()).isEqualTo(AffectedStatus.AFFECTED);
            assertThat(a.severity()).isEqualTo("Moderate");
        });
    }

    @Test
    void badRpmmodSkipsThatComponentOnly() throws Exception {
        VexRecord r = parse(VEX + "cve-2024-24786-bad-rpmmod.json");
        assertThat(r.affected()).extracting(AffectedPackage::name, AffectedPackage::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("cri-tools", AffectedStatus.FIXED),
                        org.assertj.core.groups.Tuple.tuple("good-pkg", AffectedStatus.AFFECTED));
        assertThat(rows(r, "rhel:10", "cri-tools").get(0).ranges()).containsExactly(VersionRange.fixedIn("1.29.0-3.1.el9"));
        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.firstSkipReason()).contains("firefox-flatpak").contains("rpmmod");
        assertThat(r.advisory().aliases()).containsExactly("RHSA-2024:0000");
    }

    @Test
    void layeredProductsGiveNoRhelRows() throws Exception {
        // only OpenShift 4.16 (cpe:/a:redhat:openshift:4.16::el9) is named
        VexRecord r = parse(VEX + "cve-2024-24786-simple.json");
        assertThat(r.affected()).isEmpty();
        assertThat(r.advisory().id()).isEqualTo("CVE-2024-24786");
        assertThat(r.advisory().sourceSeverity()).isEqualTo("Moderate");
    }

    @Test
    void deletedDocumentsAreWithdrawals() throws Exception {
        VexRecord r = parse(VEX + "delete_CVE-2023-0030.json");
        assertThat(r.deleted()).isTrue();
        assertThat(r.id()).isEqualTo("CVE-2023-0030");
        assertThat(r.advisory()).isNull();
    }

    @Test
    void notAVexDocumentNamesTheFile() throws Exception {
        var json = FeedFiles.JSON.readTree("{\"document\":{\"aggregate_severity\":{\"text\":\"moderate\"}}}");
        assertThatThrownBy(() -> VexDocumentParser.parse("redhat", "2024/cve-2024-0001.json", json))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining("2024/cve-2024-0001.json").hasMessageContaining("tracking.id is missing");
        var noCategory = FeedFiles.JSON.readTree("{\"document\":{\"tracking\":{\"id\":\"CVE-2024-1\"}}}");
        assertThatThrownBy(() -> VexDocumentParser.parse("redhat", "x.json", noCategory))
                .hasMessageContaining("document.category is missing");
        assertThatThrownBy(() -> VexDocumentParser.parse("redhat", "x.json", FeedFiles.JSON.readTree("[1,2]")))
                .hasMessageContaining("no \"document\" object");
    }

    @Test
    void moduleContextHashesAreDropped() {
        assertThat(ModuleStreams.withoutContext("1:0.78-11.module+el8.6.0+23193+83e23a7a.1"))
                .isEqualTo("1:0.78-11.module+el8.6.0+23193.1");
        assertThat(ModuleStreams.withoutContext("7.76.1-26.el9_3.2")).isEqualTo("7.76.1-26.el9_3.2");
        assertThat(ModuleStreams.stream("nodejs:18:8080020230223124711:bd1311ed")).contains("nodejs:18");
        assertThat(ModuleStreams.stream("rhel10")).isEqualTo(Optional.empty());
        assertThat(RhelProducts.namespace("cpe:/a:redhat:enterprise_linux:8::appstream")).contains("rhel:8");
        assertThat(RhelProducts.namespace("cpe:/o:redhat:enterprise_linux:10.1")).contains("rhel:10");
        assertThat(RhelProducts.namespace("cpe:/o:redhat:enterprise_linux_eus:10.0")).isEmpty();
        assertThat(RhelProducts.namespace("cpe:/a:redhat:rhel_eus:9.0::appstream")).isEmpty();
        assertThat(RhelProducts.namespace("cpe:/a:redhat:openshift:4.16::el9")).isEmpty();
    }
}
