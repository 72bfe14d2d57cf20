package io.plimsoll.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.ecosystem.rpm.RpmDatabaseException;
import io.plimsoll.ecosystem.rpm.RpmHeader;
import io.plimsoll.ecosystem.rpm.RpmHeaderException;
import io.plimsoll.ecosystem.rpm.RpmPackageHeader;
import io.plimsoll.ecosystem.rpm.db.BerkeleyDbPackages;
import io.plimsoll.ecosystem.rpm.db.HeaderBlob;
import io.plimsoll.ecosystem.rpm.db.NdbPackages;
import io.plimsoll.ecosystem.rpm.db.SqlitePackages;
import java.util.List;

/**
 * The three rpmdb formats and the header blob inside them. The decoders are called directly, not through
 * {@code RpmDatabase.read}: that one turns any RuntimeException into a bad-input error as a last net, which would
 * hide exactly the bugs a fuzzer is here to find.
 */
class RpmDatabaseFuzzTest {

    @FuzzTest
    void sqlite(byte[] db) {
        decode(() -> SqlitePackages.read("rpmdb.sqlite", db, w -> { }));
    }

    @FuzzTest
    void berkeleyDb(byte[] db) {
        decode(() -> BerkeleyDbPackages.read("Packages", db, w -> { }));
    }

    @FuzzTest
    void ndb(byte[] db) {
        decode(() -> NdbPackages.read("Packages.db", db, w -> { }));
    }

    @FuzzTest
    void headerBlob(byte[] blob) {
        header(HeaderBlob.of(1, blob));
    }

    interface Decoder {
        List<HeaderBlob> read() throws RpmDatabaseException;
    }

    private static void decode(Decoder decoder) {
        List<HeaderBlob> blobs;
        try {
            blobs = decoder.read();
        } catch (RpmDatabaseException expected) {
            return; // bad input, reported as such
        }
        blobs.forEach(RpmDatabaseFuzzTest::header);
    }

    private static void header(HeaderBlob blob) {
        try {
            RpmPackageHeader.from(RpmHeader.parse(blob.buffer(), blob.offset(), blob.length()), w -> { });
        } catch (RpmHeaderException expected) {
            // one bad record: a warning, and the other records are still read
        }
    }
}
