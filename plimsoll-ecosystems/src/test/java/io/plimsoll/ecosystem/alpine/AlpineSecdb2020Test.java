package io.plimsoll.ecosystem.alpine;

import io.plimsoll.vuln.testing.RecordingSink;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The complete real Alpine secdb of June 2020 (v3.3–v3.11, YAML), read as a {@code --from} folder: every package
 * and every entry accounted for, and an apk database built from it matched with exactly the findings the
 * fixed-only rule implies. The expectations come from a plain YAML tree walk of the same files, not from the
 * updater's code.
 */
class AlpineSecdb2020Test {

    static final String SNAPSHOT = "feeds/alpine-secdb-2020";
    static final Pattern PLAIN_CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
    static final ApkVersionScheme APK = new ApkVersionScheme();

    @TempDir
    Path tmp;

    /** One entry of a secfixes list as written, with the release namespace its folder gives. */
    record RawEntry(String namespace, String pkg, String fixed, String text) {
    }

    /** The files as a plain YAML tree walk sees them. */
    record Raw(Map<String, Integer> packagesPerFile, Set<String> packages, List<RawEntry> entries) {
    }

    static Raw walk(Path root) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, Integer> perFile = new LinkedHashMap<>();
        Set<String> packages = new HashSet<>();
        List<RawEntry> entries = new ArrayList<>();
        List<String> releases;
        try (Stream<Path> dirs = Files.list(root)) {
            releases = dirs.map(d -> d.getFileName().toString()).sorted(AlpineSecdbUpdater.RELEASE_ORDER).toList();
        }
        for (String release : releases) {
            String namespace = "alpine:" + release.substring(1);
            for (String repo : List.of("main", "community")) {
                JsonNode doc = yaml.readTree(root.resolve(release + "/" + repo + ".yaml").toFile());
                int count = 0;
                for (JsonNode p : doc.path("packages")) {
                    count++;
                    String name = p.path("pkg").path("name").asText();
                    packages.add(namespace + " " + name);
                    p.path("pkg").path("secfixes").fields().forEachRemaining(fix -> fix.getValue()
                            .forEach(e -> entries.add(new RawEntry(namespace, name, fix.getKey(), e.asText()))));
                }
                perFile.put(release + " " + repo, count);
            }
        }
        return new Raw(perFile, packages, entries);
    }

    static RecordingSink load(Path root) throws IOException {
        RecordingSink sink = new RecordingSink();
        new AlpineSecdbUpdater().update(new LocalFeedFetcher("alpine", root), sink);
        return sink;
    }

    @Test
    void everyPackageAndEveryEntryIsLoaded() throws IOException {
        Path root = SharedCorpus.require(SNAPSHOT);
        Raw raw = walk(root);
        // Cross-checked with PyYAML: sum(len(doc['packages'] or [])) and the number of secfixes list items
        // over the 18 files (the one null list, heimdal 7.4.0-r0 in v3.6, has no items).
        assertThat(raw.packagesPerFile()).hasSize(18);
        assertThat(raw.packagesPerFile().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1652);
        assertThat(raw.entries()).hasSize(12028);

        RecordingSink sink = load(root);
        // each file's package count, as the updater reports it
        List<String> expectedProgress = new ArrayList<>();
        raw.packagesPerFile().forEach((file, n) -> expectedProgress.add("alpine: " + file + ": " + n + " packages"));
        assertThat(sink.progress.subList(0, 18)).containsExactlyElementsOf(expectedProgress);
        assertThat(sink.progress).noneMatch(line -> line.contains("skipped"));

        // every package has rows, in its own release only
        Set<String> withRows = sink.affected.stream().map(a -> a.namespace() + " " + a.name())
                .collect(Collectors.toSet());
        assertThat(withRows).isEqualTo(raw.packages());

        // every plain "CVE-…" entry is exactly one row (of its package, release and fixed version)
        Set<String> rows = sink.affected.stream().map(a -> key(a.namespace(), a.name(), a.advisoryId(),
                a.status() == AffectedStatus.NOT_AFFECTED ? "0" : a.ranges().get(0).fixed().orElseThrow()))
                .collect(Collectors.toSet());
        List<RawEntry> plain = raw.entries().stream().filter(e -> PLAIN_CVE.matcher(e.text()).matches()).toList();
        assertThat(plain).hasSizeGreaterThan(11000).allSatisfy(e ->
                assertThat(rows).contains(key(e.namespace(), e.pkg(), e.text(), e.fixed())));

        // Totals cross-checked by a separate Python reading of the files with the same id rules (SecfixIds):
        // 12,028 entries give 12,005 distinct (release, package, id, fixed version) rows, because entries name
        // several ids ("CVE-2018-3620 CVE-2018-3646 XSA-273") and some repeat ("CVE-2017-17434-1"/"-2"); 2,474
        // ids; five entries under fixed version "0" (db in v3.8).
        assertThat(sink.affected).hasSize(12005).hasSize(rows.size());
        assertThat(sink.advisories).hasSize(2474);
        assertThat(sink.affected).filteredOn(a -> a.status() == AffectedStatus.NOT_AFFECTED)
                .extracting(AffectedPackage::name).containsOnly("db").hasSize(5);
        assertThat(sink.progress).last().isEqualTo("alpine: 9 releases, 2474 advisories, 12005 fixed versions");
    }

    @Test
    void anApkDatabaseMatchesExactlyTheFixesAboveItsVersions() throws Exception {
        Path root = SharedCorpus.require(SNAPSHOT);
        Raw raw = walk(root);
        RecordingSink sink = load(root);

        // v3.11's packages whose entries are all plain CVE ids (the others are covered by SecfixIdsTest)
        Map<String, List<RawEntry>> byPackage = new TreeMap<>();
        raw.entries().stream().filter(e -> e.namespace().equals("alpine:3.11"))
                .forEach(e -> byPackage.computeIfAbsent(e.pkg(), k -> new ArrayList<>()).add(e));
        byPackage.values().removeIf(es -> es.stream().anyMatch(e -> !PLAIN_CVE.matcher(e.text()).matches()));
        assertThat(byPackage).hasSizeGreaterThan(200);

        // installed: a third at their middle fix, a third below every fix, a third at their newest fix;
        // every other package is a subpackage named <origin>-libs
        StringBuilder db = new StringBuilder();
        Set<String> expected = new TreeSet<>();
        int i = 0;
        for (Map.Entry<String, List<RawEntry>> p : byPackage.entrySet()) {
            String origin = p.getKey();
            List<String> fixes = p.getValue().stream().map(RawEntry::fixed).filter(f -> !f.equals("0")).distinct()
                    .sorted(APK).toList();
            String installed = fixes.isEmpty() ? "1.0-r0" : switch (i % 3) {
                case 0 -> fixes.get(fixes.size() / 2);
                case 1 -> "0.0.1-r0";
                default -> fixes.get(fixes.size() - 1);
            };
            String name = i % 2 == 0 ? origin : origin + "-libs";
            db.append("C:Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA=\nP:").append(name).append("\nV:").append(installed)
                    .append("\nA:x86_64\no:").append(origin).append("\n\n");
            // the fixed-only rule: a CVE is a finding when some fix for it is above the installed version
            Map<String, TreeSet<String>> above = new TreeMap<>();
            for (RawEntry e : p.getValue()) {
                if (!e.fixed().equals("0") && APK.compare(installed, e.fixed()) < 0) {
                    above.computeIfAbsent(e.text(), k -> new TreeSet<>(APK)).add(e.fixed());
                }
            }
            above.forEach((cve, f) -> expected.add(origin + "@" + installed + " " + cve + " fixed " + f));
            i++;
        }
        Path layout = TestImage.create()
                .layer(TestLayer.create()
                        .file("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.11.6\n"
                                + "PRETTY_NAME=\"Alpine Linux v3.11\"\n")
                        .file("etc/alpine-release", "3.11.6\n")
                        .file("lib/apk/db/installed", db.toString().getBytes(StandardCharsets.UTF_8), 0644),
                        Compressor.GZIP)
                .writeOciLayout(tmp.resolve("alpine"), null);
        Inventory inventory;
        try (ImageSource s = ImageSources.open(ImageReferences.parse("oci:" + layout), ImageOptions.DEFAULT)) {
            inventory = new CatalogEngine(Ecosystems.distroProbe(), Ecosystems.catalogers()).run(s,
                    LayerWalker.defaults());
        }
        assertThat(inventory.packages()).hasSize(byPackage.size());

        List<Finding> findings = new Matcher(new MemoryVulnStore(sink), Ecosystems.matchRules(),
                VersionSchemes::byName).match(inventory.packages(), inventory.distro());
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.namespace()).isEqualTo("alpine:3.11");
            assertThat(f.matchedBy()).isEqualTo("alpine");
            assertThat(f.status()).isEqualTo(AffectedStatus.FIXED);
            assertThat(APK.compare(f.matchedVersion(), f.nearestFix().orElseThrow())).isNegative();
        });
        Set<String> actual = findings.stream().map(f -> f.matchedName() + "@" + f.matchedVersion() + " "
                + f.advisory().id() + " " + f.status().label() + " " + f.fixedVersions()).collect(Collectors.toSet());
        assertThat(expected).hasSizeGreaterThan(500);
        assertThat(actual).isEqualTo(expected);
    }

    static String key(String namespace, String pkg, String id, String fixed) {
        return namespace + " " + pkg + " " + id + " " + fixed;
    }
}
