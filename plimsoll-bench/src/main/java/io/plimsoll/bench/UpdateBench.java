package io.plimsoll.bench;

import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.store.SqliteVulnStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A full {@code db update --from DIR} of every source, timed per source, with the database size. The folder is put
 * together from the real feed files in ../shared (Alpine's complete 2020 secdb, OSV's complete Go and PyPI feeds,
 * Red Hat's VEX archive sample, NVD pages, KEV, EPSS) plus a generated Debian tracker dump of upstream size
 * (30,000 source packages, 150,000 CVE entries in three releases), since no real dump is in the corpus.
 */
public final class UpdateBench {

    public static void main(String[] args) throws Exception {
        Optional<Path> shared = shared();
        Path from = Files.createTempDirectory("plimsoll-update-bench");
        generateDebian(from.resolve("debian/tracker/data/json"), 30_000);
        if (shared.isPresent()) {
            Path s = shared.get();
            link(from.resolve("alpine"), s.resolve("feeds/alpine-secdb-2020"));
            link(from.resolve("osv"), s.resolve("feeds/osv"));
            link(from.resolve("kev/known_exploited_vulnerabilities.json"),
                    s.resolve("corpus/claircore/enricher/kev/testdata/known_exploited_vulnerabilities.json"));
            link(from.resolve("epss/epss_scores-current.csv.gz"),
                    s.resolve("corpus/claircore/enricher/epss/testdata/data.csv"));
            link(from.resolve("nvd/feed.json"), s.resolve("corpus/claircore/enricher/cvss/testdata/feed.json"));
            Path archive = s.resolve("corpus/claircore/rhel/vex/testdata/server/csaf_vex_2023-10-31.tar.zst");
            link(from.resolve("redhat/" + archive.getFileName()), archive);
            Files.writeString(from.resolve("redhat/archive_latest.txt"), archive.getFileName() + "\n");
        } else {
            System.out.println("../shared not found: only the generated Debian dump is loaded");
        }
        Path db = from.resolve("vuln.db");
        UpdateRunner.Report report = new UpdateRunner(Ecosystems.updaters(Optional.empty()), FeedProgress.NONE, 4)
                .run(db, new UpdateRunner.LocalDirectory(from));
        System.out.printf("full update from local files: %.1f s wall clock, database %.1f MiB%n",
                report.took().toMillis() / 1000.0, Files.size(db) / (1024.0 * 1024));
        for (UpdateRunner.Outcome o : report.outcomes()) {
            System.out.printf("  %-8s %-6s %,10d rows %7.1f s  %s%n", o.source(), o.ok() ? "ok" : "FAILED",
                    o.records(), o.took().toMillis() / 1000.0, o.error().orElse(""));
        }
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            long affected = store.counts().values().stream()
                    .mapToLong(m -> m.getOrDefault("affected", 0L)).sum();
            System.out.printf("  %,d affected-package rows in total%n", affected);
        }
    }

    /** A tracker dump shaped like upstream's: per source package, per CVE, per release a status. */
    static void generateDebian(Path file, int packages) throws IOException {
        Files.createDirectories(file.getParent());
        String[] releases = {"bullseye", "bookworm", "trixie"};
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("{");
            for (int p = 0; p < packages; p++) {
                w.write((p == 0 ? "" : ",") + "\"pkg" + p + "\":{");
                for (int c = 0; c < 5; c++) {
                    w.write((c == 0 ? "" : ",") + "\"CVE-20" + (20 + c) + "-" + (10000 + p) + "\":{"
                            + "\"description\":\"A flaw was found in pkg" + p + " that allows remote attackers to"
                            + " cause a denial of service via crafted input.\",\"scope\":\"remote\",\"releases\":{");
                    for (int r = 0; r < releases.length; r++) {
                        String status = (p + c + r) % 4 == 0
                                ? "{\"status\":\"open\",\"repositories\":{},\"urgency\":\"low\"}"
                                : "{\"status\":\"resolved\",\"repositories\":{},\"fixed_version\":\"1." + c + "-" + r
                                + "\",\"urgency\":\"medium\"}";
                        w.write((r == 0 ? "" : ",") + "\"" + releases[r] + "\":" + status);
                    }
                    w.write("}}");
                }
                w.write("}");
            }
            w.write("}");
        }
    }

    private static void link(Path link, Path target) throws IOException {
        if (!Files.exists(target)) {
            System.out.println("missing " + target + ": skipped");
            return;
        }
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
    }

    private static Optional<Path> shared() {
        String p = System.getenv().getOrDefault("PLIMSOLL_SHARED", System.getProperty("plimsoll.shared", "../shared"));
        Path s = Path.of(p).toAbsolutePath().normalize();
        return Files.isDirectory(s.resolve("feeds")) ? Optional.of(s) : Optional.empty();
    }
}
