package io.plimsoll.ecosystem.wolfi;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.ecosystem.alpine.ApkCataloger;
import io.plimsoll.ecosystem.testing.Catalogs;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.ecosystem.osv.OsvRecordParser;
import io.plimsoll.ecosystem.osv.OsvUpdater;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Wolfi root filesystem (Wolfi's real os-release, an apk database) matched through every registered rule against
 * the real Wolfi sample, a Wolfi "never affected" entry, and a fix only Chainguard's feed has; and one fix listed
 * under a CVE and its GHSA, which is one finding when the GitHub advisory's record says they are one flaw.
 */
class WolfiMatchTest {

    @TempDir
    Path tmp;

    /** One package of an apk {@code installed} database, as apk writes it. */
    static String apk(String name, String version, String origin) {
        return "C:Q1abcdefghijklmnopqrstuvwxyz0123=\nP:" + name
                + "\nV:" + version + "\nA:x86_64\nS:1000\nI:4000\n"
                + "T:" + name + "\nU:https://wolfi.dev\nL:GPL-3.0-or-later\no:" + origin
                + "\nm:Wolfi\nt:1690000000\n\n";
    }

    Path rootfs(String osRelease, String installed) throws Exception {
        Path root = tmp.resolve("rootfs");
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("lib/apk/db"));
        Files.writeString(root.resolve("etc/os-release"), osRelease);
        Files.writeString(root.resolve("lib/apk/db/installed"), installed);
        return root;
    }

    List<Finding> scan(String osRelease, String installed) throws Exception {
        Path from = tmp.resolve("from");
        WolfiSecdbUpdater wolfi = WolfiSecdbUpdater.wolfi();
        WolfiSecdbUpdater chainguard = WolfiSecdbUpdater.chainguard();
        RecordingSink real = WolfiSecdbUpdaterTest.update(wolfi, WolfiSecdbUpdaterTest.folder(from.resolve("a"), wolfi,
                WolfiSecdbUpdaterTest.sample("wolfi")));
        RecordingSink extra = WolfiSecdbUpdaterTest.update(wolfi, WolfiSecdbUpdaterTest.folder(from.resolve("b"), wolfi,
                WolfiSecdbUpdaterTest.resource("wolfi-extra.json")));
        RecordingSink other = WolfiSecdbUpdaterTest.update(chainguard, WolfiSecdbUpdaterTest.folder(from.resolve("c"),
                chainguard, WolfiSecdbUpdaterTest.resource("chainguard-only.json")));
        Inventory inv = Catalogs.scanDir(rootfs(osRelease, installed), new ApkCataloger());
        return new Matcher(new MemoryVulnStore(real, extra, other), Ecosystems.matchRules(), VersionSchemes::byName)
                .match(inv.packages(), inv.distro());
    }

    static final String INSTALLED = apk("binutils", "2.39-r2", "binutils") // below the -r3 fix only
            + apk("libstdc++", "2.39-r3", "binutils")    // a subpackage at the last fix
            + apk("glibc", "2.38-r2", "glibc")           // "0": never affected; at the -r2 fix
            + apk("libcrypto3", "3.1.4-r0", "openssl");  // fixed in -r1 only in Chainguard's feed

    @Test
    void onlyWhatWolfisOwnFeedSaysAndTheReleaseNumberCounts() throws Exception {
        String osRelease = Files.readString(
                SharedCorpus.require("corpus/syft/syft/linux/testdata/os/wolfi/etc/os-release"));
        List<Finding> found = scan(osRelease, INSTALLED);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.advisory().id()).isEqualTo("CVE-2022-38128");
            assertThat(f.advisory().source()).isEqualTo("wolfi");
            assertThat(f.namespace()).isEqualTo("wolfi:rolling");
            assertThat(f.matchedName()).isEqualTo("binutils");
            assertThat(f.status()).isEqualTo(AffectedStatus.FIXED);
            assertThat(f.fixedVersions()).containsExactly("2.39-r3");
        });
    }

    @Test
    void aChainguardImageGetsChainguardsFeedOnly() throws Exception {
        String osRelease = "ID=chainguard\nNAME=\"Chainguard\"\nPRETTY_NAME=\"Chainguard\"\nVERSION_ID=\"20230214\"\n"
                + "HOME_URL=\"https://chainguard.dev/\"\n";
        List<Finding> found = scan(osRelease, INSTALLED);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.advisory().id()).isEqualTo("CVE-2023-5678");
            assertThat(f.namespace()).isEqualTo("chainguard:rolling");
            assertThat(f.matchedName()).isEqualTo("openssl");
            assertThat(f.fixedVersions()).containsExactly("3.1.4-r1");
        });
    }

    static final String GHSA = "feeds/ghsa/advisories/github-reviewed/";

    /** GitHub's advisories, as the OSV updater stores them: {@code records} read from ../shared, plus {@code more}. */
    static RecordingSink githubAdvisories(List<String> records, Advisory... more) throws Exception {
        RecordingSink sink = new RecordingSink();
        OsvRecordParser parser = new OsvRecordParser(OsvUpdater.NAME, (ecosystem, name) -> Optional.empty());
        for (String record : records) {
            parser.parse(FeedFiles.readJson(OsvUpdater.NAME, SharedCorpus.require(GHSA + record)))
                    .ifPresent(p -> sink.advisory(p.advisory()));
        }
        for (Advisory a : more) {
            sink.advisory(a);
        }
        return sink;
    }

    /** The small helper for a GitHub advisory that is not in ../shared: its id and the CVE it aliases. */
    static Advisory githubAdvisory(String ghsa, String cve) {
        return new Advisory(ghsa, OsvUpdater.NAME, List.of(cve), "", "", Optional.empty(), Optional.empty(),
                List.of(), "", null, List.of());
    }

    @Test
    void aFixListedUnderACveAndItsGhsaIsOneFindingWhenTheGhsaRecordSaysSo() throws Exception {
        String osRelease = Files.readString(
                SharedCorpus.require("corpus/syft/syft/linux/testdata/os/wolfi/etc/os-release"));
        Path from = tmp.resolve("from");
        WolfiSecdbUpdater wolfi = WolfiSecdbUpdater.wolfi();
        RecordingSink real = WolfiSecdbUpdaterTest.update(wolfi, WolfiSecdbUpdaterTest.folder(from.resolve("a"), wolfi,
                WolfiSecdbUpdaterTest.sample("wolfi")));
        RecordingSink extra = WolfiSecdbUpdaterTest.update(wolfi, WolfiSecdbUpdaterTest.folder(from.resolve("b"), wolfi,
                WolfiSecdbUpdaterTest.resource("wolfi-extra.json")));
        RecordingSink aliases = WolfiSecdbUpdaterTest.update(wolfi, WolfiSecdbUpdaterTest.folder(from.resolve("c"),
                wolfi, WolfiSecdbUpdaterTest.resource("wolfi-aliases.json")));
        RecordingSink github = githubAdvisories(List.of("2021/12/GHSA-jfh8-c2jp-5v3q/GHSA-jfh8-c2jp-5v3q.json",
                        "2020/07/GHSA-p6mc-m468-83gw/GHSA-p6mc-m468-83gw.json"),
                githubAdvisory("GHSA-xxxx-yyyy-zzzz", "CVE-2023-4806"));
        Inventory inv = Catalogs.scanDir(rootfs(osRelease, apk("binutils", "2.39-r2", "binutils") // CVE only
                + apk("glibc", "2.38-r1", "glibc")               // CVE-2023-4806 and GHSA-xxxx-yyyy-zzzz in -r2
                + apk("logstash-8", "8.11.1-r0", "logstash-8")   // Log4Shell's CVE and GHSA in -r1
                + apk("kibana-8", "8.11.1-r1", "kibana-8")),     // a GHSA whose CVE the secdb does not list
                new ApkCataloger());
        List<String> joined = new Matcher(new MemoryVulnStore(real, extra, aliases, github), Ecosystems.matchRules(),
                VersionSchemes::byName).match(inv.packages(), inv.distro()).stream().map(WolfiMatchTest::shown).toList();
        assertThat(joined).containsExactly(
                "binutils CVE-2022-38128 [] [2.39-r3]",
                "glibc CVE-2023-4806 [GHSA-xxxx-yyyy-zzzz] [2.38-r2]",
                "kibana-8 GHSA-p6mc-m468-83gw [] [8.11.1-r2]",
                "logstash-8 CVE-2021-44228 [GHSA-jfh8-c2jp-5v3q] [8.11.1-r1]");
        // without GitHub's advisories nothing says the two ids are one flaw: both findings stay
        List<String> apart = new Matcher(new MemoryVulnStore(real, extra, aliases), Ecosystems.matchRules(),
                VersionSchemes::byName).match(inv.packages(), inv.distro()).stream().map(WolfiMatchTest::shown).toList();
        assertThat(apart).containsExactly(
                "binutils CVE-2022-38128 [] [2.39-r3]",
                "glibc CVE-2023-4806 [] [2.38-r2]",
                "glibc GHSA-xxxx-yyyy-zzzz [] [2.38-r2]",
                "kibana-8 GHSA-p6mc-m468-83gw [] [8.11.1-r2]",
                "logstash-8 CVE-2021-44228 [] [8.11.1-r1]",
                "logstash-8 GHSA-jfh8-c2jp-5v3q [] [8.11.1-r1]");
    }

    private static String shown(Finding f) {
        return f.pkg().name() + " " + f.advisory().id() + " " + f.advisory().aliases() + " " + f.fixedVersions();
    }
}
