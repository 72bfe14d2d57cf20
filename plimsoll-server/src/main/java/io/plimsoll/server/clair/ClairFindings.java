package io.plimsoll.server.clair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.plimsoll.catalog.Package;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Clair vulnerability report read back into findings on a local inventory ({@code plimsoll scan --server}): the
 * inverse of {@link ClairVulnerabilityReports}, and it reads any Clair server's report too.
 */
public final class ClairFindings {

    private ClairFindings() {
    }

    /**
     * The report's vulnerabilities as findings on the local packages, in the order a local scan lists them. A server
     * package is the local package with its name and version; when several local packages share those, its
     * environment's {@code package_db} (the file it was found in) picks the one with that location. Server packages
     * with no local counterpart are left out: the local inventory is what the policy judges.
     *
     * @param server names the server in each finding's {@code matchedBy}
     */
    public static List<Finding> read(JsonNode report, List<Package> local, String server) {
        Map<String, List<Package>> byNameVersion = new LinkedHashMap<>();
        for (Package p : local) {
            byNameVersion.computeIfAbsent(p.name() + "\u0000" + p.version(), k -> new ArrayList<>()).add(p);
        }
        List<Finding> out = new ArrayList<>();
        JsonNode vulns = report.path("vulnerabilities");
        var ids = report.path("package_vulnerabilities").fieldNames();
        while (ids.hasNext()) {
            String pkgId = ids.next();
            JsonNode sp = report.path("packages").path(pkgId);
            List<Package> candidates = byNameVersion.getOrDefault(sp.path("name").asText() + "\u0000"
                    + sp.path("version").asText(), List.of());
            if (candidates.size() > 1) {
                Set<String> dbs = new LinkedHashSet<>();
                report.path("environments").path(pkgId).forEach(e -> dbs.add(stripSlash(e.path("package_db").asText())));
                List<Package> located = candidates.stream().filter(p -> dbs.contains(stripSlash(p.location()))).toList();
                candidates = located.isEmpty() ? candidates.subList(0, 1) : located;
            }
            for (Package p : candidates) {
                for (JsonNode vid : report.path("package_vulnerabilities").path(pkgId)) {
                    JsonNode v = vulns.path(vid.asText());
                    if (!v.isMissingNode()) {
                        out.add(finding(p, pkgId, vid.asText(), v, report.path("enrichments"), server));
                    }
                }
            }
        }
        out.sort(Finding.REPORT_ORDER);
        return out;
    }

    private static String stripSlash(String s) {
        return s.startsWith("/") ? s.substring(1) : s;
    }

    /**
     * One finding from Clair's vulnerability object and the enrichments about it: Plimsoll's own record (a Plimsoll
     * server's: title, aliases, every CVSS assessment, status and fixed versions per package) and claircore's CVSS,
     * EPSS and KEV records. Against a server without Plimsoll's record the finding has what Clair says: the
     * description for a title, the v3 CVSS scores, and a status guessed from whether there is a fixed version.
     */
    static Finding finding(Package p, String pkgId, String vulnId, JsonNode v, JsonNode enrichments, String server) {
        JsonNode record = first(enrichments, ClairEnrichments.FINDING_ENRICHER, vulnId);
        JsonNode forPackage = record.path("packages").path(pkgId);
        String fixed = v.path("fixed_in_version").asText("");
        Severity severity = ClairSeverity.parse(v.path("normalized_severity").asText("unknown"));
        List<String> links = v.path("links").asText("").isBlank() ? List.of()
                : Arrays.stream(v.path("links").asText().trim().split("\\s+")).toList();
        Advisory advisory = new Advisory(v.path("name").asText(), v.path("updater").asText("server"),
                strings(record.path("aliases")), record.path("title").asText(""),
                record.has("description") ? record.path("description").asText() : v.path("description").asText(""),
                instant(v.path("issued").asText("")), instant(record.path("modified").asText("")), links,
                record.has("source_severity") ? record.path("source_severity").asText() : v.path("severity").asText(""),
                severity, List.of());
        String namespace = ClairVulnerabilities.namespace(v).orElse(advisory.source());
        List<String> fixedVersions = forPackage.has("fixed_versions") ? strings(forPackage.path("fixed_versions"))
                : fixed.isEmpty() ? List.of() : List.of(fixed);
        AffectedStatus status = forPackage.has("status") ? status(forPackage.path("status").asText())
                : fixed.isEmpty() ? AffectedStatus.AFFECTED : AffectedStatus.FIXED;
        return new Finding(p, namespace, v.path("package").path("name").asText(p.name()),
                forPackage.path("matched_version").asText(p.version()), advisory, status, fixedVersions, severity,
                record.path("severity_source").asText(advisory.source()), cvss(record, enrichments, vulnId),
                epss(first(enrichments, ClairEnrichments.EPSS_ENRICHER, vulnId)),
                kev(first(enrichments, ClairEnrichments.KEV_ENRICHER, vulnId)), "server " + server);
    }

    /**
     * The first record about {@code vulnId} from the enricher {@code name}, found by the {@code enricher=} parameter
     * of its type (Clair releases differ in the schema URL that follows); a missing node when there is none.
     */
    private static JsonNode first(JsonNode enrichments, String name, String vulnId) {
        var types = enrichments.fieldNames();
        while (types.hasNext()) {
            String type = types.next();
            if (Arrays.asList(type.split("[;\\s]+")).contains("enricher=" + name)) {
                for (JsonNode map : enrichments.path(type)) {
                    JsonNode records = map.path(vulnId);
                    if (records.isArray() && !records.isEmpty()) {
                        return records.get(0);
                    }
                }
            }
        }
        return MissingNode.getInstance();
    }

    /** Plimsoll's record lists every assessment; claircore's CVSS enricher only NVD's v3 ones. */
    private static List<Cvss> cvss(JsonNode record, JsonNode enrichments, String vulnId) {
        List<Cvss> out = new ArrayList<>();
        if (record.has("cvss")) {
            for (JsonNode c : record.path("cvss")) {
                out.add(new Cvss(c.path("version").asText(), c.path("vector").asText(""),
                        c.path("score").isNumber() ? c.path("score").asDouble() : Double.NaN, c.path("source").asText("")));
            }
            return out;
        }
        var types = enrichments.fieldNames();
        while (types.hasNext()) {
            String type = types.next();
            if (type.contains("enricher=" + ClairEnrichments.CVSS_ENRICHER)) {
                for (JsonNode map : enrichments.path(type)) {
                    for (JsonNode c : map.path(vulnId)) {
                        if (c.path("baseScore").isNumber()) {
                            String vector = c.path("vectorString").asText("");
                            out.add(new Cvss(c.path("version").asText(Cvss.versionOf(vector)), vector,
                                    c.path("baseScore").asDouble(), "nvd"));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Optional<EpssScore> epss(JsonNode e) {
        if (!e.path("epss").isNumber()) {
            return Optional.empty();
        }
        return Optional.of(new EpssScore(e.path("cve").asText(), e.path("epss").asDouble(),
                e.path("percentile").asDouble(), date(e.path("date").asText(""))));
    }

    private static Optional<KevEntry> kev(JsonNode k) {
        Optional<LocalDate> added = date(k.path("date_added").asText(""));
        if (added.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KevEntry(k.path("cve").asText(), added.get(), date(k.path("due_date").asText("")),
                k.path("known_ransomware_campaign_use").asText("").equalsIgnoreCase("Known"),
                k.path("vendor_project").asText(""), k.path("product").asText(""),
                k.path("vulnerability_name").asText(""), k.path("required_action").asText("")));
    }

    private static AffectedStatus status(String label) {
        try {
            return AffectedStatus.parse(label);
        } catch (IllegalArgumentException e) {
            return AffectedStatus.AFFECTED;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Optional<LocalDate> date(String s) {
        try {
            return s.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String s) {
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
