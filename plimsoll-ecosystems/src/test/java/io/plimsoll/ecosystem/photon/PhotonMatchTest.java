package io.plimsoll.ecosystem.photon;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.ecosystem.rpm.HeaderBlobBuilder;
import io.plimsoll.ecosystem.rpm.RpmCataloger;
import io.plimsoll.ecosystem.rpm.RpmTags;
import io.plimsoll.ecosystem.testing.Catalogs;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Photon root filesystems (Photon 2.0's real os-release, an rpmdb in rpm's SQLite layout) matched through every
 * registered rule against the real Photon samples.
 */
class PhotonMatchTest {

    @TempDir
    Path tmp;

    /** An installed rpm: {@code name version-release}, built from {@code source} rpm. */
    record Rpm(String name, String version, String release, String source) {
    }

    /** An rpmdb.sqlite as rpm 4.16+ writes it: table Packages of (hnum, header blob). */
    static byte[] rpmdb(Rpm... packages) throws Exception {
        try (SQLiteConnection c = (SQLiteConnection) new SQLiteConfig().createConnection("jdbc:sqlite::memory:")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO Packages (hnum, blob) VALUES (?, ?)")) {
                int hnum = 1;
                for (Rpm p : packages) {
                    insert.setInt(1, hnum++);
                    insert.setBytes(2, HeaderBlobBuilder.pkg(p.name(), p.version(), p.release(), "x86_64")
                            .string(RpmTags.SOURCERPM, p.source() + "-" + p.version() + "-" + p.release() + ".src.rpm")
                            .build());
                    insert.executeUpdate();
                }
            }
            return c.serialize("main");
        }
    }

    List<Finding> scan(String osRelease, Rpm... installed) throws Exception {
        Path root = tmp.resolve("rootfs-" + installed.length + "-" + osRelease.hashCode());
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("var/lib/rpm"));
        Files.writeString(root.resolve("etc/os-release"), osRelease);
        Files.write(root.resolve("var/lib/rpm/rpmdb.sqlite"), rpmdb(installed));
        Inventory inv = Catalogs.scanDir(root, new RpmCataloger());
        RecordingSink sink = PhotonUpdaterTest.update(PhotonUpdaterTest.sampleFolder(tmp.resolve("from-" + root
                .getFileName())));
        return new Matcher(new MemoryVulnStore(sink), Ecosystems.matchRules(), VersionSchemes::byName)
                .match(inv.packages(), inv.distro());
    }

    @Test
    void photon2FindsOnlyItsOwnReleasesFixes() throws Exception {
        String osRelease = Files.readString(
                SharedCorpus.require("corpus/syft/syft/linux/testdata/os/photon/etc/os-release"));
        List<Finding> found = scan(osRelease,
                new Rpm("jq", "1.5", "2.ph2", "jq"),                 // below the 1.5-3.ph2 fix
                new Rpm("bash", "4.4.12", "1.ph2", "bash"),          // at the fix
                new Rpm("binutils", "2.30", "4.ph2", "binutils"),    // fixed below this only in 1.0 and 3.0
                new Rpm("ansible-doc", "2.7.9", "1.ph2", "ansible")); // a subpackage, by its source: below -2.ph2
        assertThat(found).extracting(f -> f.pkg().name() + " " + f.advisory().id()).containsExactlyInAnyOrder(
                "jq CVE-2015-8863", "ansible-doc CVE-2019-10156");
        assertThat(found).filteredOn(f -> f.pkg().name().equals("jq")).singleElement().satisfies(f -> {
            assertThat(f.advisory().source()).isEqualTo("photon");
            assertThat(f.namespace()).isEqualTo("photon:2.0");
            assertThat(f.status()).isEqualTo(AffectedStatus.FIXED);
            assertThat(f.fixedVersions()).containsExactly("1.5-3.ph2");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void photon3NotAffectedEntriesAreNotFindings() throws Exception {
        String osRelease = "NAME=\"VMware Photon OS\"\nVERSION=\"3.0\"\nID=photon\nVERSION_ID=3.0\n"
                + "PRETTY_NAME=\"VMware Photon OS/Linux\"\n";
        List<Finding> found = scan(osRelease,
                new Rpm("curl", "7.61.1", "1.ph3", "curl"),          // CVE-2025-0725: Not Affected
                new Rpm("ansible", "2.7.6", "1.ph3", "ansible"));    // below 2.7.6-2.ph3
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.advisory().id()).isEqualTo("CVE-2019-3828");
            assertThat(f.namespace()).isEqualTo("photon:3.0");
            assertThat(f.fixedVersions()).containsExactly("2.7.6-2.ph3");
        });
    }
}
