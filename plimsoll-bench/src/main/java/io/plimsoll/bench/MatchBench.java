package io.plimsoll.bench;

import io.plimsoll.app.MatchService;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.model.Distro;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.store.StoreBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Warm matching time: 1,000 Debian packages against a database of 250,000 affected-package rows (50,000 source
 * packages with five advisories each, in debian:12 plus four other releases so lookups must select by namespace),
 * using the real Debian match rule and version scheme. Median of many runs.
 */
public final class MatchBench {

    private static final int SOURCES = 50_000;
    private static final int PER_SOURCE = 5;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("plimsoll-match-bench");
        Path db = dir.resolve("vuln.db");
        long t0 = System.nanoTime();
        Random random = new Random(42);
        String[] releases = {"debian:12", "debian:11", "debian:10", "debian:13", "debian:unstable"};
        try (StoreBuilder b = StoreBuilder.create(db)) {
            FeedSink sink = b.sink("debian");
            int rows = 0;
            for (int s = 0; s < SOURCES; s++) {
                String name = "src" + s;
                for (int a = 0; a < PER_SOURCE; a++) {
                    String id = "CVE-20" + (10 + a) + "-" + s;
                    if (s % releases.length == 0) {
                        sink.advisory(Advisory.of(id, "debian"));
                    }
                    String release = releases[(s + a) % releases.length];
                    AffectedStatus status = a == 4 ? AffectedStatus.AFFECTED : AffectedStatus.FIXED;
                    List<VersionRange> ranges = status == AffectedStatus.AFFECTED ? List.of(VersionRange.all())
                            : List.of(VersionRange.fixedIn("1." + random.nextInt(5) + "-" + (1 + random.nextInt(3))));
                    sink.affected(new AffectedPackage(id, "debian", release, name, "deb", status, ranges, List.of(),
                            Optional.empty(), "medium"));
                    rows++;
                }
            }
            b.succeeded("debian", "bench", Map.of(), "");
            b.commit();
            System.out.printf("built %,d affected rows in %.1f s, database %.1f MiB%n", rows,
                    (System.nanoTime() - t0) / 1e9, Files.size(db) / (1024.0 * 1024));
        }
        List<Package> packages = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String src = "src" + (i * 37 % SOURCES);
            String version = "1." + (i % 5) + "-2";
            packages.add(new Package("deb", "bin" + i, version + "+b1", "amd64", src, version, List.of(),
                    "pkg:deb/debian/bin" + i, List.of(), "bench", "/var/lib/dpkg/status",
                    new Provenance(0, Optional.empty(), Optional.empty()), Map.of()));
        }
        Distro bookworm = new Distro("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", "", List.of());
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            MatchService matcher = new MatchService(store);
            int findings = 0;
            for (int i = 0; i < 30; i++) {
                findings = matcher.findings(packages, Optional.of(bookworm)).size();
            }
            long[] nanos = new long[50];
            for (int i = 0; i < nanos.length; i++) {
                long s = System.nanoTime();
                List<Finding> f = matcher.findings(packages, Optional.of(bookworm));
                nanos[i] = System.nanoTime() - s;
                findings = f.size();
            }
            Arrays.sort(nanos);
            // where the time goes: the row lookups alone, and the enrichment lookups alone
            List<String> names = packages.stream().map(Package::sourceName).toList();
            List<String> cves = new ArrayList<>();
            for (int i = 0; i < 615; i++) {
                cves.add("CVE-2010-" + i);
            }
            long[] rowsNanos = new long[50];
            long[] enrichNanos = new long[50];
            for (int i = 0; i < 80; i++) {
                long s = System.nanoTime();
                store.affected("debian:12", names);
                long m = System.nanoTime();
                store.enrichment(cves);
                store.advisories("debian", cves);
                long e = System.nanoTime();
                if (i >= 30) {
                    rowsNanos[i - 30] = m - s;
                    enrichNanos[i - 30] = e - m;
                }
            }
            Arrays.sort(rowsNanos);
            Arrays.sort(enrichNanos);
            System.out.printf("  of which row lookups %.2f ms, advisory+enrichment lookups %.2f ms (medians)%n",
                    rowsNanos[25] / 1e6, enrichNanos[25] / 1e6);
            System.out.printf("match 1,000 packages against %,d rows: median %.2f ms, p90 %.2f ms (%d findings)%n",
                    SOURCES * PER_SOURCE, nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 9 / 10] / 1e6, findings);
        }
        Files.deleteIfExists(db);
        Files.deleteIfExists(dir);
    }
}
