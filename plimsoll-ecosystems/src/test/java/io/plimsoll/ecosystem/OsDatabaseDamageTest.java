package io.plimsoll.ecosystem;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Cataloger;
import io.plimsoll.ecosystem.alpine.ApkCataloger;
import io.plimsoll.ecosystem.debian.DpkgCataloger;
import io.plimsoll.ecosystem.rpm.RpmCataloger;
import io.plimsoll.image.testing.SharedCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A damaged OS package database is a warning naming the file and the scan goes on (README, "bad input"): the
 * cataloger returns, so the engine still runs the others. These once ended the scan with exit 2 and no output.
 */
class OsDatabaseDamageTest {

    @Test
    void aDpkgStatusWithoutOnePackageIsAWarning() throws Exception {
        Cataloger.Result r = new DpkgCataloger().catalog(OneFileInput.of(new DpkgCataloger(), "/var/lib/dpkg/status",
                "Status: install ok installed\nVersion: 1.0\n\n\u0000\u0000garbage\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.packages()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().startsWith("/var/lib/dpkg/status: no dpkg entry")
                .endsWith("(damaged dpkg database: its packages are not listed)");
    }

    @Test
    void anApkDatabaseWithoutOnePackageIsAWarning() throws Exception {
        Cataloger.Result r = new ApkCataloger().catalog(new OneFileInput("/lib/apk/db/installed",
                "V:1.0\nZZZZ\n\u0001\u0002\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.packages()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().startsWith("/lib/apk/db/installed: no apk entry")
                .endsWith("(damaged apk database: its packages are not listed)");
    }

    /** Every backend's real database cut short and overwritten: each read returns; a failure names the file. */
    @Test
    void truncatedAndGarbledRealRpmDatabasesAreWarnings() throws Exception {
        record Db(String corpus, String imagePath) { }
        List<Db> dbs = List.of(
                new Db("corpus/pkgdb/rpm/cbl-mariner-2.0-sqlite/rpmdb.sqlite", "/var/lib/rpm/rpmdb.sqlite"),
                new Db("corpus/pkgdb/rpm/libuuid-bdb/Packages", "/var/lib/rpm/Packages"),
                new Db("corpus/pkgdb/rpm/sle15-bci-ndb/Packages.db", "/usr/lib/sysimage/rpm/Packages.db"));
        Random random = new Random(21);
        int warned = 0;
        for (Db db : dbs) {
            byte[] real = Files.readAllBytes(SharedCorpus.require(db.corpus()));
            for (int cut : new int[] {0, 1, 100, 4096, real.length / 3, real.length - 1}) {
                warned += damagedReadIsAWarning(db.imagePath(), Arrays.copyOf(real, cut));
            }
            byte[] garbled = real.clone();
            for (int i = 0; i < 4096 && i < garbled.length; i++) {
                garbled[i] = (byte) random.nextInt(256); // the header of every backend
            }
            warned += damagedReadIsAWarning(db.imagePath(), garbled);
        }
        assertThat(warned).as("damaged databases that were refused with a warning").isGreaterThanOrEqualTo(9);
    }

    private static int damagedReadIsAWarning(String path, byte[] content) throws Exception {
        Cataloger.Result r = new RpmCataloger().catalog(new OneFileInput(path, content));
        assertThat(r.warnings()).allSatisfy(w -> assertThat(w).startsWith(path + ": "));
        boolean refused = r.warnings().stream().anyMatch(w -> w.endsWith("(damaged rpm database: its packages are not listed)"));
        if (refused) {
            assertThat(r.packages()).isEmpty();
        }
        return refused ? 1 : 0;
    }
}
