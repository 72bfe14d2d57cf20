package io.plimsoll.cli;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.store.StoreBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Vulnerability data the CLI tests scan with, written through the same StoreBuilder as 'db update'. */
final class TestDatabases {

    private TestDatabases() {
    }

    /** Debian's CVE-2022-37434: zlib on Debian 12 before 1:1.2.13.dfsg-2, high, fixed. */
    static void zlibCve(FeedSink debian) {
        debian.advisory(Advisory.of("CVE-2022-37434", "debian"));
        debian.affected(new AffectedPackage("CVE-2022-37434", "debian", "debian:12", "zlib", "deb",
                AffectedStatus.FIXED, List.of(VersionRange.fixedIn("1:1.2.13.dfsg-2")), List.of(), Optional.empty(),
                "high"));
    }

    /** A database at {@code file} holding only Debian's data, with {@link #zlibCve}. */
    static Path debianZlib(Path file) throws Exception {
        try (StoreBuilder b = StoreBuilder.create(file)) {
            zlibCve(b.sink("debian"));
            b.succeeded("debian", "https://security-tracker.debian.org/", Map.of(), "");
            b.commit();
        }
        return file;
    }
}
