package io.plimsoll.vuln.enrichment;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.FeedFiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code vulnerabilities[].cve} object of the NVD CVE API 2.0 (the yearly 2.0 feed files have the same shape)
 * turned into an advisory of source {@code nvd}: the English description, dates, reference URLs, every CVSS
 * assessment (NVD's own "Primary" ones and the CNAs' "Secondary" ones, told apart by their source) and a severity.
 */
final class NvdRecord {

    /** Metric arrays in the order their assessments are listed on the advisory: newest CVSS version first. */
    private static final List<String> METRICS = List.of("cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2");
    /**
     * Where the advisory's severity comes from: NVD's v3.1 rating is the one most tools and reports quote, v4.0 is
     * still rare from NVD, and v2 only rates old CVEs.
     */
    private static final List<String> SEVERITY_ORDER = List.of("cvssMetricV31", "cvssMetricV40", "cvssMetricV30", "cvssMetricV2");

    private NvdRecord() {
    }

    /** True for CVEs NVD has withdrawn: no description worth showing, no metrics, never a finding. */
    static boolean rejected(JsonNode cve) {
        return "Rejected".equalsIgnoreCase(String.valueOf(FeedFiles.text(cve, "vulnStatus")));
    }

    /** The CVE's last modification, for cursors; empty when absent or unreadable. */
    static Optional<Instant> lastModified(JsonNode cve) {
        return FeedInput.instant(FeedFiles.text(cve, "lastModified"));
    }

    /** The advisory, or empty when the object has no CVE id (the caller counts it as malformed). */
    static Optional<Advisory> advisory(JsonNode cve) {
        String id = FeedFiles.text(cve, "id");
        if (id == null || !id.startsWith("CVE-")) {
            return Optional.empty();
        }
        List<Cvss> cvss = new ArrayList<>();
        JsonNode metrics = cve.path("metrics");
        for (String key : METRICS) {
            for (JsonNode m : metrics.path(key)) {
                JsonNode data = m.path("cvssData");
                String vector = FeedFiles.text(data, "vectorString");
                String version = FeedFiles.text(data, "version");
                JsonNode score = data.get("baseScore");
                cvss.add(new Cvss(version != null ? version : Cvss.versionOf(vector), vector,
                        score != null && score.isNumber() ? score.asDouble() : Double.NaN, FeedFiles.text(m, "source")));
            }
        }
        Rating rating = rating(metrics);
        return Optional.of(new Advisory(id, NvdUpdater.NAME, List.of(), "", description(cve),
                FeedInput.instant(FeedFiles.text(cve, "published")), lastModified(cve), references(cve),
                rating.word(), rating.severity(), cvss));
    }

    private record Rating(String word, Severity severity) {
    }

    /**
     * The severity of NVD's own (Primary) assessment in {@link #SEVERITY_ORDER}; when NVD has not analysed the CVE
     * yet (a large backlog since 2024), the first CNA (Secondary) assessment's instead, so the report still has one.
     */
    private static Rating rating(JsonNode metrics) {
        for (boolean primaryOnly : new boolean[] {true, false}) {
            for (String key : SEVERITY_ORDER) {
                for (JsonNode m : metrics.path(key)) {
                    if (primaryOnly && !"Primary".equalsIgnoreCase(FeedFiles.text(m, "type"))) {
                        continue;
                    }
                    // v3/v4 carry baseSeverity inside cvssData, v2 next to it
                    String word = FeedFiles.text(m.path("cvssData"), "baseSeverity");
                    if (word == null) {
                        word = FeedFiles.text(m, "baseSeverity");
                    }
                    Severity parsed = Severity.parse(word);
                    if (parsed != Severity.UNKNOWN) {
                        return new Rating(word, parsed);
                    }
                    JsonNode score = m.path("cvssData").get("baseScore");
                    if (score != null && score.isNumber()) {
                        return new Rating("", key.equals("cvssMetricV2") ? v2Rating(score.asDouble())
                                : Severity.ofCvssScore(score.asDouble()));
                    }
                }
            }
        }
        return new Rating("", Severity.UNKNOWN);
    }

    /** CVSS v2's own qualitative scale, which has no "critical". */
    private static Severity v2Rating(double score) {
        return score >= 7.0 ? Severity.HIGH : score >= 4.0 ? Severity.MEDIUM : Severity.LOW;
    }

    private static String description(JsonNode cve) {
        String first = null;
        for (JsonNode d : cve.path("descriptions")) {
            String value = FeedFiles.text(d, "value");
            if ("en".equalsIgnoreCase(FeedFiles.text(d, "lang")) && value != null) {
                return value;
            }
            first = first == null ? value : first;
        }
        return first;
    }

    private static List<String> references(JsonNode cve) {
        List<String> urls = new ArrayList<>();
        for (JsonNode r : cve.path("references")) {
            String url = FeedFiles.text(r, "url");
            if (url != null && !url.isBlank() && !urls.contains(url)) {
                urls.add(url);
            }
        }
        return urls;
    }
}
