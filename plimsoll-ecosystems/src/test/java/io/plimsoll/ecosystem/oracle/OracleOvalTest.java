package io.plimsoll.ecosystem.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.ecosystem.oval.OvalReader;
import io.plimsoll.ecosystem.testing.RpmRootfs;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Oracle's ELSA OVAL: vuln-list-update's real samples and goldens, and matching on an Oracle Linux 7.9 rootfs. */
class OracleOvalTest {

    static final String TESTDATA = "feeds/vuln-list-update/oracle/oval/testdata/";

    @TempDir
    Path tmp;

    /** {@code --from DIR} holding {@code sample} where upstream keeps the real file. */
    RecordingSink update(String sample) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("from-" + sample + "/oracle"));
        Files.copy(SharedCorpus.require(TESTDATA + sample), folder.resolve(OracleOvalUpdater.FILE));
        RecordingSink sink = new RecordingSink();
        new OracleOvalUpdater().update(new LocalFeedFetcher("oracle", folder), sink);
        return sink;
    }

    @Test
    void theRealSampleLoadsEveryElsaWithItsReleaseRowsAndCves() throws Exception {
        RecordingSink sink = update("all-positive-data.xml.bz2");
        // 14 definitions, each an ELSA: 109 "is earlier than" criteria, none repeated within a release
        assertThat(sink.advisories).hasSize(14);
        assertThat(sink.affected).hasSize(109);
        assertThat(sink.affected).extracting(AffectedPackage::namespace).containsOnly("ol:5", "ol:6", "ol:7");
        // per release, as counted from the criteria's "Oracle Linux N is installed" scopes
        assertThat(sink.affected.stream().collect(Collectors.groupingBy(AffectedPackage::namespace,
                Collectors.counting()))).isEqualTo(Map.of("ol:5", 37L, "ol:6", 22L, "ol:7", 50L));
        Advisory git = sink.advisories.stream().filter(a -> a.id().equals("ELSA-2015-2561")).findFirst().orElseThrow();
        assertThat(git.source()).isEqualTo("oracle");
        assertThat(git.aliases()).containsExactly("CVE-2015-7545");
        assertThat(git.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(git.sourceSeverity()).isEqualTo("MODERATE");
        assertThat(git.title()).isEqualTo("ELSA-2015-2561: git security update (MODERATE)");
        assertThat(sink.affected).filteredOn(a -> a.advisoryId().equals("ELSA-2015-2561") && a.name().equals("git"))
                .singleElement().satisfies(a -> {
                    assertThat(a.namespace()).isEqualTo("ol:7");
                    assertThat(a.ranges().get(0).fixed()).contains("0:1.8.3.1-6.el7");
                    assertThat(a.scheme()).isEqualTo("rpm");
                });
        // Oracle's cvss3 attribute is "score/vector"
        Advisory bind = sink.advisories.stream().filter(a -> a.id().equals("ELSA-2007-0057")).findFirst().orElseThrow();
        assertThat(bind.cvss()).extracting(c -> c.version() + " " + c.score() + " " + c.vector())
                .containsExactly("3.1 5.5 CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
                        "3.1 3.1 CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:L");
        assertThat(bind.published()).hasValueSatisfying(t -> assertThat(t.toString()).startsWith("2007-06-26"));
    }

    @Test
    void agreesWithVulnListUpdatesGoldens() throws Exception {
        RecordingSink sink = update("all-positive-data.xml.bz2");
        Path golden = SharedCorpus.require(TESTDATA + "golden");
        List<Path> files;
        try (var s = Files.list(golden)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSize(15);
        int compared = 0;
        for (Path file : files) {
            JsonNode g = FeedFiles.readJson("oracle", file);
            String id = file.getFileName().toString().replace(".json", "");
            if (id.equals("ELSA-2018-1196-1")) {
                continue; // from elsa-2018-1196-1.xml.bz2, checked below
            }
            Advisory a = sink.advisories.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            assertThat(a.title()).as(id).isEqualTo(g.get("Title").asText().replaceAll("\\s+", " ").strip());
            List<String> cves = new ArrayList<>();
            g.get("References").forEach(r -> {
                if (r.get("Source").asText().equals("CVE")) {
                    cves.add(r.get("ID").asText());
                }
            });
            assertThat(a.aliases()).as(id).containsExactlyInAnyOrderElementsOf(cves);
            assertThat(rows(sink, id)).as(id).isEqualTo(earlierThan(g.get("Criteria")));
            compared++;
        }
        assertThat(compared).isEqualTo(14);
        RecordingSink kernel = update("elsa-2018-1196-1.xml.bz2");
        JsonNode g = FeedFiles.readJson("oracle", golden.resolve("ELSA-2018-1196-1.json"));
        assertThat(rows(kernel, "ELSA-2018-1196-1")).isEqualTo(earlierThan(g.get("Criteria")));
    }

    private static TreeSet<String> rows(RecordingSink sink, String id) {
        return sink.affected.stream().filter(a -> a.advisoryId().equals(id))
                .map(a -> a.name() + " is earlier than " + a.ranges().get(0).fixed().orElseThrow())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static TreeSet<String> earlierThan(JsonNode criteria) {
        TreeSet<String> out = new TreeSet<>();
        if (criteria == null || criteria.isNull()) {
            return out;
        }
        JsonNode criterions = criteria.get("Criterions");
        if (criterions != null && criterions.isArray()) {
            criterions.forEach(c -> {
                String comment = c.get("Comment").asText();
                if (comment.contains(" is earlier than ")) {
                    out.add(comment);
                }
            });
        }
        JsonNode nested = criteria.get("Criterias");
        if (nested != null && nested.isArray()) {
            nested.forEach(n -> out.addAll(earlierThan(n)));
        }
        return out;
    }

    @Test
    void aTruncatedFileIsOneLineNamingIt() throws Exception {
        // resolved outside the assertion, so that a missing shared corpus skips the test instead of failing it
        SharedCorpus.require(TESTDATA + "broken-oval-data.xml.bz2");
        assertThatThrownBy(() -> update("broken-oval-data.xml.bz2")).isInstanceOf(FeedException.class)
                .hasMessageContaining("com.oracle.elsa-all.xml.bz2: invalid XML at line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aForeignFileIsOneLineNamingIt() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("html/oracle"));
        Files.writeString(folder.resolve(OracleOvalUpdater.FILE), "<!DOCTYPE html><html>login</html>");
        assertThatThrownBy(() -> new OracleOvalUpdater().update(new LocalFeedFetcher("oracle", folder),
                new RecordingSink())).isInstanceOf(FeedException.class)
                .hasMessageEndingWith("expected bzip2 but got an HTML page (a proxy, captive portal or error page?)");
        Files.write(folder.resolve(OracleOvalUpdater.FILE), "BZh9 not really".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> new OracleOvalUpdater().update(new LocalFeedFetcher("oracle", folder),
                new RecordingSink())).isInstanceOf(FeedException.class).hasMessageStartingWith("oracle: ");
    }

    @Test
    void anOracleLinux79RootfsMatchesOnlyItsOwnReleasesSecurityFixes() throws Exception {
        RecordingSink sink = update("all-positive-data.xml.bz2");
        try (InputStream in = OracleOvalTest.class.getResourceAsStream("errata-kinds.xml")) {
            ElsaDefinitions rows = new ElsaDefinitions(sink);
            OvalReader.read("oracle", "errata-kinds.xml", in, rows::add);
            assertThat(rows.advisories()).isEqualTo(1);
            assertThat(rows.skipped()).isEqualTo(1); // ELBA-2020-1234
        }
        String osRelease;
        try (InputStream in = OracleOvalTest.class.getResourceAsStream("ol-7.9-os-release")) {
            osRelease = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Inventory inv = RpmRootfs.withOsRelease(osRelease)
                .rpm("sudo", null, "1.8.23", "4.el7", "x86_64", "sudo-1.8.23-4.el7.src.rpm")        // below ELSA-2019-4821
                .rpm("git", null, "1.8.3.1", "6.el7", "x86_64", "git-1.8.3.1-6.el7.src.rpm")        // at ELSA-2015-2561's fix
                .rpm("bind", 30, "9.3.3", "7.el5", "x86_64", "bind-9.3.3-7.el5.src.rpm")            // fixed only for OL 5
                .rpm("tzdata", null, "2020a", "1.el7", "noarch", "tzdata-2020a-1.el7.src.rpm")      // only in a bug-fix erratum
                .rpm("glibc", 2, "2.17", "317.el7", "x86_64", "glibc-2.17-317.el7.src.rpm")         // a Ksplice fix: not this build
                .catalog(tmp.resolve("rootfs"));
        assertThat(inv.distro()).hasValueSatisfying(d -> assertThat(Ecosystems.namespaceOf(d)).isEqualTo("ol:7"));
        assertThat(inv.packages()).hasSize(5);
        List<Finding> findings = new Matcher(new MemoryVulnStore(sink), Ecosystems.matchRules(), VersionSchemes::byName)
                .match(inv.packages(), inv.distro());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.pkg().name()).isEqualTo("sudo");
            assertThat(f.advisory().id()).isEqualTo("ELSA-2019-4821");
            assertThat(f.advisory().aliases()).containsExactly("CVE-2019-14287");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.fixedVersions()).containsExactly("0:1.8.23-4.0.1.el7");
            assertThat(f.namespace()).isEqualTo("ol:7");
        });
        // the Ksplice build of the same glibc is fixed by the Ksplice erratum, and only by it
        Inventory ksplice = RpmRootfs.withOsRelease(osRelease)
                .rpm("glibc", 2, "2.17", "317.0.1.ksplice1.el7", "x86_64", null).catalog(tmp.resolve("ksplice"));
        assertThat(new Matcher(new MemoryVulnStore(sink), Ecosystems.matchRules(), VersionSchemes::byName)
                .match(ksplice.packages(), ksplice.distro())).singleElement()
                .satisfies(f -> assertThat(f.advisory().id()).isEqualTo("ELSA-2021-9990"));
    }

    @Test
    void flavoursKeepKspliceAndUekApart() {
        assertThat(OracleMatchRule.flavor("2:2.17-323.0.1.ksplice1.el7")).isEqualTo("ksplice");
        assertThat(OracleMatchRule.flavor("0:2.6.39-400.290.2.el5uek")).isEqualTo("uek");
        assertThat(OracleMatchRule.flavor("0:1.8.23-4.0.1.el7")).isEmpty();
        assertThat(Ecosystems.updaters()).anyMatch(u -> u.name().equals("oracle")
                && u.defaultBaseUrl().equals("https://linux.oracle.com/security/oval/"));
        assertThat(Ecosystems.feedFor("ol")).isEqualTo("oracle");
        assertThat(Map.of("ol", Ecosystems.family("ol").orElseThrow().feed().orElseThrow())).containsEntry("ol", "oracle");
    }

    @Test
    void rowsThatDifferByArchitectureHoldEachBuildOnlyToItsOwnArchitectureFix() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (InputStream in = OracleOvalTest.class.getResourceAsStream("per-arch-fixes.xml")) {
            ElsaDefinitions rows = new ElsaDefinitions(sink);
            OvalReader.read("oracle", "per-arch-fixes.xml", in, rows::add);
        }
        // bpftool: one build on both architectures, one row; the kernel: one row per architecture
        assertThat(sink.affected).extracting(a -> a.namespace() + " " + a.name() + " <"
                + a.ranges().get(0).fixed().orElseThrow()).containsExactly(
                "ol:8 bpftool <0:5.4.17-2136.307.3.1.el8uek",
                "ol:8 kernel-uek.aarch64 <0:5.4.17-2136.307.3.2.el8uek",
                "ol:8 kernel-uek.x86_64 <0:5.4.17-2136.307.3.1.el8uek");
        String osRelease;
        try (InputStream in = OracleOvalTest.class.getResourceAsStream("ol-7.9-os-release")) {
            osRelease = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("7.9", "8.6");
        }
        Matcher matcher = new Matcher(new MemoryVulnStore(sink), Ecosystems.matchRules(), VersionSchemes::byName);
        Inventory x86 = RpmRootfs.withOsRelease(osRelease)
                .rpm("kernel-uek", null, "5.4.17", "2136.307.3.1.el8uek", "x86_64", null)   // at the x86_64 fix
                .rpm("bpftool", null, "5.4.17", "2136.300.7.el8uek", "x86_64", null)       // below the fix
                .catalog(tmp.resolve("x86"));
        assertThat(matcher.match(x86.packages(), x86.distro()))
                .extracting(f -> f.pkg().name() + " " + f.advisory().id() + " " + f.fixedVersions())
                .containsExactly("bpftool ELSA-2022-9999 [0:5.4.17-2136.307.3.1.el8uek]");
        Inventory arm = RpmRootfs.withOsRelease(osRelease)
                .rpm("kernel-uek", null, "5.4.17", "2136.307.3.1.el8uek", "aarch64", null)  // below the aarch64 fix
                .catalog(tmp.resolve("arm"));
        assertThat(matcher.match(arm.packages(), arm.distro()))
                .extracting(f -> f.pkg().name() + " " + f.advisory().id() + " " + f.fixedVersions())
                .containsExactly("kernel-uek ELSA-2022-9999 [0:5.4.17-2136.307.3.2.el8uek]");
    }

    @Test
    void aUekKernelIsMatchedByTheUekAdvisoriesOfItsRelease() throws Exception {
        RecordingSink sink = update("all-positive-data.xml.bz2");
        String osRelease;
        try (InputStream in = OracleOvalTest.class.getResourceAsStream("ol-7.9-os-release")) {
            osRelease = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // ELSA-2019-4820 fixed kernel-uek at 4.14.35-1902.6.6.el7uek: an older UEK build is found; a build of the
        // same name that is not a UEK one is below it in rpm's order, but is not held to a UEK fix
        Inventory uek = RpmRootfs.withOsRelease(osRelease)
                .rpm("kernel-uek", null, "4.14.35", "1902.6.5.el7uek", "x86_64", null)
                .catalog(tmp.resolve("uek"));
        Matcher matcher = new Matcher(new MemoryVulnStore(sink), Ecosystems.matchRules(), VersionSchemes::byName);
        assertThat(matcher.match(uek.packages(), uek.distro())).extracting(f -> f.advisory().id())
                .contains("ELSA-2019-4820");
        Inventory regular = RpmRootfs.withOsRelease(osRelease)
                .rpm("kernel-uek", null, "4.14.35", "1.el7", "x86_64", null)
                .catalog(tmp.resolve("regular"));
        assertThat(matcher.match(regular.packages(), regular.distro())).isEmpty();
    }

    @Test
    void moduleCriteriaKeepEachStreamsFixToThePackagesOfThatStream() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (InputStream in = OracleOvalTest.class.getResourceAsStream("module-streams.xml")) {
            ElsaDefinitions rows = new ElsaDefinitions(sink);
            OvalReader.read("oracle", "module-streams.xml", in, rows::add);
            assertThat(rows.advisories()).isEqualTo(3);
        }
        // 5 rows, as before the module criteria were read; 4 of them now carry their stream, and a module build's
        // fix is kept without its context hash
        assertThat(sink.affected).extracting(a -> a.name() + " " + a.module().orElse("-") + " <"
                + a.ranges().get(0).fixed().orElseThrow()).containsExactly(
                "nodejs nodejs:16 <1:16.19.1-1.module+el8.7.0+21016",
                "npm nodejs:16 <1:8.19.3-1.16.19.1.1.module+el8.7.0+21016",
                "php-cli php:7.4 <0:7.4.33-1.module+el8.7.0+21018",
                "php-cli php:8.0 <0:8.0.27-1.module+el8.7.0+21019",
                "sudo - <0:1.8.29-8.el8_7.1");
        String osRelease = Files.readString(SharedCorpus.require("corpus/syft/syft/linux/testdata/os/oraclelinux/etc/os-release"));
        Matcher matcher = new Matcher(new MemoryVulnStore(sink), Ecosystems.matchRules(), VersionSchemes::byName);
        Inventory inv = RpmRootfs.withOsRelease(osRelease)
                // stream 16, below its fix: found
                .modularRpm("nodejs", 1, "16.18.1", "3.module+el8.7.0+20990+1f0c9b2e", "x86_64",
                        "nodejs:16:8070020221212122020:ad008a3a")
                // 7.4 is held to 7.4's fix only; 8.0 at its own fix is clean (7.4's fix is below it anyway)
                .modularRpm("php-cli", null, "7.4.30", "1.module+el8.7.0+20930+90c24e7b", "x86_64",
                        "php:7.4:8070020220926075508:ad008a3a")
                .modularRpm("php-cli", null, "8.0.27", "1.module+el8.7.0+21019+0d4e6c7a", "x86_64",
                        "php:8.0:8070020230117142316:ad008a3a")
                .rpm("sudo", null, "1.8.29", "8.el8", "x86_64", "sudo-1.8.29-8.el8.src.rpm")
                .catalog(tmp.resolve("ol8"));
        assertThat(inv.distro()).hasValueSatisfying(d -> assertThat(Ecosystems.namespaceOf(d)).isEqualTo("ol:8"));
        assertThat(matcher.match(inv.packages(), inv.distro()))
                .extracting(f -> f.pkg().name() + " " + f.advisory().id() + " " + f.fixedVersions())
                .containsExactly("nodejs ELSA-2023-9901 [1:16.19.1-1.module+el8.7.0+21016]",
                        "php-cli ELSA-2023-9902 [0:7.4.33-1.module+el8.7.0+21018]",
                        "sudo ELSA-2023-9903 [0:1.8.29-8.el8_7.1]");
        // the same name and build in another stream, or with no module at all: stream 16's fix says nothing of it
        Inventory otherStream = RpmRootfs.withOsRelease(osRelease)
                .modularRpm("nodejs", 1, "16.18.1", "3.module+el8.7.0+20990+1f0c9b2e", "x86_64",
                        "nodejs:18:8070020221212122020:ad008a3a")
                .catalog(tmp.resolve("ol8-nodejs18"));
        assertThat(matcher.match(otherStream.packages(), otherStream.distro())).isEmpty();
        Inventory noModule = RpmRootfs.withOsRelease(osRelease)
                .rpm("nodejs", 1, "16.18.1", "3.module+el8.7.0+20990+1f0c9b2e", "x86_64", null)
                .catalog(tmp.resolve("ol8-plain"));
        assertThat(matcher.match(noModule.packages(), noModule.distro())).isEmpty();
        // the fixed build in another context of the same module build is that build, not older than it
        Inventory fixedElsewhere = RpmRootfs.withOsRelease(osRelease)
                .modularRpm("nodejs", 1, "16.19.1", "1.module+el8.7.0+21016+00c0ffee", "x86_64",
                        "nodejs:16:8070020230306170042:00c0ffee")
                .catalog(tmp.resolve("ol8-context"));
        assertThat(matcher.match(fixedElsewhere.packages(), fixedElsewhere.distro())).isEmpty();
    }
}
