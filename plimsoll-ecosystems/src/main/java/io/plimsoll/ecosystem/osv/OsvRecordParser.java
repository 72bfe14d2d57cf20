package io.plimsoll.ecosystem.osv;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one OSV record (schema 1.x, as osv.dev, GHSA, the Go vulnerability database, PyPA and Ubuntu publish it)
 * into an {@link Advisory} and its {@link AffectedPackage} rows.
 *
 * <p>Each range's events become intervals in the order they are written (every producer writes them ascending):
 * {@code introduced} opens one, {@code fixed} closes it exclusively, {@code last_affected} inclusively, and an
 * interval still open at the end covers every later version. {@code GIT} ranges are skipped and counted: commit
 * hashes cannot be compared with an installed version; the record's explicit {@code versions} list is kept, so
 * PyPA records whose ranges are partly GIT still match. {@code limit} (meant for GIT ranges) closes an interval
 * like {@code fixed}. Withdrawn records are skipped. Which affected entries become rows, under which namespace,
 * name and scheme, is the caller's {@link Targets}: the language feeds keep only the zip's own ecosystem (a record
 * listing several ecosystems is in each of their zips), the Ubuntu feed maps its release ecosystems.
 */
public final class OsvRecordParser {

    /** Where an affected entry is filed, and the schemes of its ECOSYSTEM and SEMVER ranges. */
    public record Target(String namespace, String name, String scheme, String semverScheme) {
    }

    /** Maps an affected entry's OSV ecosystem and package name to a row target; empty skips the entry. */
    @FunctionalInterface
    public interface Targets {
        Optional<Target> of(String ecosystem, String name);
    }

    /** One record's content. */
    public record Parsed(Advisory advisory, List<AffectedPackage> affected) {
    }

    /** What was read and what was left out, for the progress line and for tests. */
    public static final class Stats {
        public int records;
        public int withdrawn;
        public int invalid;
        public int rows;
        public int gitRanges;
        public int unknownRanges;
        public int limitEvents;
        /** Affected entries of this feed's ecosystems left with nothing comparable (only GIT ranges, no versions). */
        public int uncomparable;
        /** Affected entries of other ecosystems, or that the targets declined. */
        public int otherEntries;

        @Override
        public String toString() {
            return String.format("%,d records, %,d withdrawn, %,d invalid, %,d rows, %,d GIT ranges skipped, "
                            + "%,d entries with no comparable versions", records, withdrawn, invalid, rows, gitRanges,
                    uncomparable);
        }
    }

    private final String source;
    private final Targets targets;
    private final Stats stats = new Stats();

    public OsvRecordParser(String source, Targets targets) {
        this.source = source;
        this.targets = targets;
    }

    public Stats stats() {
        return stats;
    }

    /** The record's advisory and rows; empty when it is withdrawn or has no id (counted either way). */
    public Optional<Parsed> parse(JsonNode record) {
        stats.records++;
        String id = text(record, "id");
        if (!record.isObject() || id == null || id.isBlank()) {
            stats.invalid++;
            return Optional.empty();
        }
        if (text(record, "withdrawn") != null) {
            stats.withdrawn++;
            return Optional.empty();
        }
        List<String> aliases = new ArrayList<>();
        record.path("aliases").forEach(a -> aliases.add(a.asText()));
        // Ubuntu's UBUNTU-CVE-… records name their CVE as "upstream": the same vulnerability for enrichment purposes
        record.path("upstream").forEach(a -> aliases.add(a.asText()));
        List<String> references = new ArrayList<>();
        record.path("references").forEach(r -> {
            String url = text(r, "url");
            if (url != null) {
                references.add(url);
            }
        });
        List<Cvss> cvss = new ArrayList<>();
        String sourceSeverity = text(record.path("database_specific"), "severity"); // GHSA: LOW … CRITICAL
        for (JsonNode s : record.path("severity")) {
            String type = text(s, "type");
            String score = text(s, "score");
            if (type == null || score == null) {
                continue;
            }
            switch (type) {
                case "CVSS_V3" -> cvss.add(new Cvss(Cvss.versionOf(score), score,
                        CvssV3.baseScore(score).orElse(Double.NaN), source));
                case "CVSS_V2", "CVSS_V4" -> cvss.add(new Cvss(Cvss.versionOf(score), score, Double.NaN, source));
                case "Ubuntu" -> sourceSeverity = sourceSeverity == null ? score : sourceSeverity;
                default -> {
                }
            }
        }
        Severity severity = Severity.parse(sourceSeverity);
        if (severity == Severity.UNKNOWN) {
            severity = cvss.stream().filter(Cvss::hasScore).mapToDouble(Cvss::score).max()
                    .stream().mapToObj(Severity::ofCvssScore).findFirst().orElse(Severity.UNKNOWN);
        }
        Advisory advisory = new Advisory(id, source, aliases, text(record, "summary"), text(record, "details"),
                instant(text(record, "published")), instant(text(record, "modified")), references,
                sourceSeverity, severity, cvss);
        List<AffectedPackage> rows = new ArrayList<>();
        for (JsonNode entry : record.path("affected")) {
            affected(id, entry, rows);
        }
        stats.rows += rows.size();
        return Optional.of(new Parsed(advisory, rows));
    }

    private void affected(String id, JsonNode entry, List<AffectedPackage> rows) {
        String ecosystem = text(entry.path("package"), "ecosystem");
        String name = text(entry.path("package"), "name");
        Optional<Target> target = ecosystem == null || name == null ? Optional.empty() : targets.of(ecosystem, name);
        if (target.isEmpty()) {
            stats.otherEntries++;
            return;
        }
        Target t = target.get();
        Map<String, List<VersionRange>> byScheme = new LinkedHashMap<>();
        for (JsonNode range : entry.path("ranges")) {
            String type = String.valueOf(text(range, "type"));
            String scheme = switch (type) {
                case "ECOSYSTEM" -> t.scheme();
                case "SEMVER" -> t.semverScheme();
                case "GIT" -> null;
                default -> "";
            };
            if (scheme == null) {
                stats.gitRanges++;
            } else if (scheme.isEmpty()) {
                stats.unknownRanges++;
            } else {
                byScheme.computeIfAbsent(scheme, k -> new ArrayList<>()).addAll(intervals(range.path("events")));
            }
        }
        List<String> versions = new ArrayList<>();
        entry.path("versions").forEach(v -> versions.add(v.asText()));
        byScheme.values().removeIf(List::isEmpty); // ranges whose events opened no interval
        if (!versions.isEmpty()) {
            byScheme.putIfAbsent(t.scheme(), List.of());
        }
        if (byScheme.isEmpty()) {
            // nothing to compare a version with: a row without ranges or versions would match every version
            stats.uncomparable++;
            return;
        }
        String packageSeverity = packageSeverity(entry);
        byScheme.forEach((scheme, ranges) -> {
            boolean hasFix = ranges.stream().anyMatch(r -> r.fixed().isPresent());
            rows.add(new AffectedPackage(id, source, t.namespace(), t.name(), scheme,
                    hasFix ? AffectedStatus.FIXED : AffectedStatus.AFFECTED, ranges,
                    scheme.equals(t.scheme()) ? versions : List.of(), Optional.empty(), packageSeverity));
        });
    }

    private List<VersionRange> intervals(JsonNode events) {
        List<VersionRange> out = new ArrayList<>();
        String start = null;
        boolean open = false;
        for (JsonNode e : events) {
            if (e.has("introduced")) {
                if (!open) {
                    start = e.get("introduced").asText();
                    open = true;
                }
            } else if (e.has("fixed") || e.has("limit")) {
                if (e.has("limit")) {
                    stats.limitEvents++;
                }
                if (open) {
                    out.add(VersionRange.of(start, (e.has("fixed") ? e.get("fixed") : e.get("limit")).asText(), null));
                    open = false;
                }
            } else if (e.has("last_affected")) {
                if (open) {
                    out.add(VersionRange.of(start, null, e.get("last_affected").asText()));
                    open = false;
                }
            }
        }
        if (open) {
            out.add(VersionRange.of(start, null, null));
        }
        return out;
    }

    /** A per-package priority: Ubuntu's {@code ubuntu_priority} (older records), else a textual {@code severity}. */
    private static String packageSeverity(JsonNode entry) {
        for (String field : new String[] {"ubuntu_priority", "severity"}) {
            String v = text(entry.path("ecosystem_specific"), field);
            if (v == null) {
                v = text(entry.path("database_specific"), field);
            }
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    /** RFC 3339 timestamps; the Go repository's placeholder {@code 0001-01-01T00:00:00Z} means "not given". */
    static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank() || text.startsWith("0001-01-01")) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }
}
