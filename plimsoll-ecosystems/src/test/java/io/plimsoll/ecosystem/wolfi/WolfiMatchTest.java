package io.plimsoll.ecosystem.wolfi;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.ecosystem.alpine.ApkCataloger;
import io.plimsoll.ecosystem.testing.Catalogs;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Wolfi root filesystem (Wolfi's real os-release, an apk database) matched through every registered rule against
 * the real Wolfi sample, a Wolfi "never affected" entry, and a fix only Chainguard's feed has.
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
}
