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
import java.util.function.IntFunction;

/**
 * Warm matching time: 1,000 installed packages against a database of 250,000 affected-package rows (50,000 source
 * packages with five advisories each, spread over five namespaces so lookups must select by namespace), through the
 * real match rules and version schemes: Debian's (debian:12 among four other releases; dpkg versions) and the rpm
 * errata rule of Rocky Linux, as Alma and Amazon use it too (rocky:8 among rocky:9, rocky:10 and two Alma releases;
 * rpm versions with {@code .el8_4}-style releases). Median of many runs.
 */
public final class MatchBench {

    private static final int SOURCES = 50_000;
    private static final int PER_SOURCE = 5;

    /** One data shape: where rows go, how a fixed version and an installed package look, which distro matches. */
    private record Scenario(String label, String type, String[] namespaces, Distro distro,
                            IntFunction<String> fixed, IntFunction<Package> installed) {
    }

    public static void main(String[] args) throws Exception {
        Random random = new Random(42);
        Scenario debian = new Scenario("Debian", "deb",
                new String[] {"debian:12", "debian:11", "debian:10", "debian:13", "debian:unstable"},
                new Distro("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", "", List.of()),
                s -> "1." + random.nextInt(5) + "-" + (1 + random.nextInt(3)),
                i -> {
                    String src = "src" + (i * 37 % SOURCES);
                    String version = "1." + (i % 5) + "-2";
                    return new Package("deb", "bin" + i, version + "+b1", "amd64", src, version, List.of(),
                            "pkg:deb/debian/bin" + i, List.of(), "bench", "/var/lib/dpkg/status",
                            new Provenance(0, Optional.empty(), Optional.empty()), Map.of());
                });
        Scenario rocky = new Scenario("Rocky Linux (rpm errata)", "rpm",
                new String[] {"rocky:8", "rocky:9", "rocky:10", "almalinux:8", "almalinux:9"},
                new Distro("rocky", "8.4", "", "Rocky Linux 8.4 (Green Obsidian)", "", List.of()),
                s -> "1." + random.nextInt(5) + "." + random.nextInt(3) + "-" + (1 + random.nextInt(3)) + ".el8_"
                        + random.nextInt(10),
                i -> {
                    String name = "src" + (i * 37 % SOURCES);
                    String version = "1." + (i % 5) + ".1-2.el8_4";
                    return new Package("rpm", name, version, "x86_64", name, version,
                            List.of(), "pkg:rpm/rocky/" + name, List.of(), "bench", "/var/lib/rpm/rpmdb.sqlite",
                            new Provenance(0, Optional.empty(), Optional.empty()), Map.of());
                });
        for (Scenario scenario : List.of(debian, rocky)) {
            run(scenario);
        }
    }

    private static void run(Scenario scenario) throws Exception {
        Path dir = Files.createTempDirectory("plimsoll-match-bench");
        Path db = dir.resolve("vuln.db");
        long t0 = System.nanoTime();
        String[] namespaces = scenario.namespaces();
        try (StoreBuilder b = StoreBuilder.create(db)) {
            Map<String, FeedSink> sinks = new java.util.TreeMap<>();
            for (String namespace : namespaces) {
                String source = namespace.substring(0, namespace.indexOf(':'));
                sinks.computeIfAbsent(source, b::sink);
            }
            int rows = 0;
            for (int s = 0; s < SOURCES; s++) {
                String name = "src" + s;
                for (int a = 0; a < PER_SOURCE; a++) {
                    String namespace = namespaces[(s + a) % namespaces.length];
                    String source = namespace.substring(0, namespace.indexOf(':'));
                    String id = "CVE-20" + (10 + a) + "-" + s;
                    FeedSink sink = sinks.get(source);
                    if (s % namespaces.length == 0) {
                        sink.advisory(Advisory.of(id, source));
                    }
                    AffectedStatus status = a == 4 ? AffectedStatus.AFFECTED : AffectedStatus.FIXED;
                    List<VersionRange> ranges = status == AffectedStatus.AFFECTED ? List.of(VersionRange.all())
                            : List.of(VersionRange.fixedIn(scenario.fixed().apply(s)));
                    sink.affected(new AffectedPackage(id, source, namespace, name, scenario.type(), status, ranges,
                            List.of(), Optional.empty(), "medium"));
                    rows++;
                }
            }
            for (String source : sinks.keySet()) {
                b.succeeded(source, "bench", Map.of(), "");
            }
            b.commit();
            System.out.printf("%s: built %,d affected rows in %.1f s, database %.1f MiB%n", scenario.label(), rows,
                    (System.nanoTime() - t0) / 1e9, Files.size(db) / (1024.0 * 1024));
        }
        List<Package> packages = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            packages.add(scenario.installed().apply(i));
        }
        Optional<Distro> distro = Optional.of(scenario.distro());
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            MatchService matcher = new MatchService(store);
            int findings = 0;
            for (int i = 0; i < 30; i++) {
                findings = matcher.findings(packages, distro).size();
            }
            long[] nanos = new long[50];
            for (int i = 0; i < nanos.length; i++) {
                long s = System.nanoTime();
                List<Finding> f = matcher.findings(packages, distro);
                nanos[i] = System.nanoTime() - s;
                findings = f.size();
            }
            Arrays.sort(nanos);
            // where the time goes: the row lookups alone, and the enrichment lookups alone
            List<String> names = packages.stream().map(p -> scenario.type().equals("deb") ? p.sourceName() : p.name())
                    .toList();
            List<String> cves = new ArrayList<>();
            for (int i = 0; i < 615; i++) {
                cves.add("CVE-2010-" + i);
            }
            long[] rowsNanos = new long[50];
            long[] enrichNanos = new long[50];
            String source = namespaces[0].substring(0, namespaces[0].indexOf(':'));
            for (int i = 0; i < 80; i++) {
                long s = System.nanoTime();
                store.affected(namespaces[0], names);
                long m = System.nanoTime();
                store.enrichment(cves);
                store.advisories(source, cves);
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
            System.out.printf("%s: match 1,000 packages against %,d rows: median %.2f ms, p90 %.2f ms (%d findings)%n",
                    scenario.label(), SOURCES * PER_SOURCE, nanos[nanos.length / 2] / 1e6,
                    nanos[nanos.length * 9 / 10] / 1e6, findings);
            if (findings == 0) {
                throw new IllegalStateException(scenario.label() + ": no findings; the bench data does not match");
            }
        }
        // the store leaves its journal files beside the database
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
