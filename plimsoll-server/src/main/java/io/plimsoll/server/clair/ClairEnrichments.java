package io.plimsoll.server.clair;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;

/**
 * What a Clair vulnerability has no field for, in the vulnerability report's {@code enrichments} the way Clair's
 * enrichers write it: under a media type naming the enricher, a one-element array holding a map from the report's
 * vulnerability ids to lists of records. (Clair's vulnerability object admits no extra members.)
 *
 * <p>CVSS v3.x scores, EPSS and KEV go under claircore's own enricher types and record shapes, so Clair clients
 * (Quay, Harbor adapters, StackRox) read them. The rest of a Plimsoll finding goes under {@link #FINDING}, which
 * {@code plimsoll scan --server} reads back to show what a local scan shows: the title, the aliases, every CVSS
 * assessment with its scorer, where the severity came from, and per package the status, every fixed version and the
 * version that was compared.
 */
public final class ClairEnrichments {

    /** The enrichers' names, as a type's {@code enricher=} parameter gives them. */
    static final String CVSS_ENRICHER = "clair.cvss";
    static final String EPSS_ENRICHER = "clair.epss";
    static final String KEV_ENRICHER = "clair.kev";
    static final String FINDING_ENRICHER = "plimsoll.finding";

    /** claircore's enricher/cvss type: NVD 1.1 {@code cvssV3} objects. */
    public static final String CVSS = "message/vnd.clair.map.vulnerability; enricher=" + CVSS_ENRICHER
            + " schema=https://csrc.nist.gov/schema/nvd/feed/1.1/cvss-v3.x.json";
    /** claircore's enricher/epss type: {@code {cve, epss, percentile, date}}. */
    public static final String EPSS = "message/vnd.clair.map.vulnerability; enricher=" + EPSS_ENRICHER + " schema=none";
    /** claircore's enricher/kev type: CISA's catalog entry in snake case. */
    public static final String KEV = "message/vnd.clair.map.vulnerability; enricher=" + KEV_ENRICHER
            + " schema=https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities_schema.json";
    /** Plimsoll's own: one record per vulnerability, described on {@link #add}. */
    public static final String FINDING = "message/vnd.clair.map.vulnerability; enricher=" + FINDING_ENRICHER
            + " schema=none";

    private final ObjectNode cvss = ClairJson.object();
    private final ObjectNode epss = ClairJson.object();
    private final ObjectNode kev = ClairJson.object();
    private final ObjectNode findings = ClairJson.object();

    /**
     * Records {@code f}, filed in the report as vulnerability {@code vulnId} of package {@code pkgId} (null when the
     * package is not in the report). The {@link #FINDING} record holds {@code title}, {@code aliases},
     * {@code severity_source}, {@code cvss} (every assessment: {@code version}, {@code vector}, {@code score} when
     * scored, {@code source}), {@code modified} when known, {@code description} and {@code source_severity} only where
     * the Clair fields {@code description} and {@code severity} had to say something else (Clair wants text there),
     * and {@code packages}: per package id its {@code status}, {@code fixed_versions} and {@code matched_version}.
     */
    public void add(String vulnId, String pkgId, Finding f) {
        ObjectNode record;
        if (findings.has(vulnId)) {
            record = (ObjectNode) findings.get(vulnId).get(0);
        } else {
            record = findings.putArray(vulnId).addObject();
            perVulnerability(vulnId, f, record);
        }
        if (pkgId != null) {
            ObjectNode packages = record.has("packages") ? (ObjectNode) record.get("packages")
                    : record.putObject("packages");
            ObjectNode p = packages.putObject(pkgId);
            p.put("status", f.status().label());
            ArrayNode fixed = p.putArray("fixed_versions");
            f.fixedVersions().forEach(fixed::add);
            p.put("matched_version", f.matchedVersion());
        }
    }

    private void perVulnerability(String vulnId, Finding f, ObjectNode record) {
        var a = f.advisory();
        record.put("title", a.title());
        ArrayNode aliases = record.putArray("aliases");
        a.aliases().forEach(aliases::add);
        if (!description(f).equals(a.description())) {
            record.put("description", a.description());
        }
        if (!ClairSeverity.presented(f).equals(a.sourceSeverity())) {
            record.put("source_severity", a.sourceSeverity());
        }
        record.put("severity_source", f.severitySource());
        a.modified().ifPresent(m -> record.put("modified", m.toString()));
        ArrayNode all = record.putArray("cvss");
        for (Cvss c : f.cvss()) {
            ObjectNode o = all.addObject().put("version", c.version()).put("vector", c.vector());
            if (c.hasScore()) {
                o.put("score", c.score());
            }
            o.put("source", c.source());
            if (c.hasScore() && c.version().startsWith("3.")) {
                ObjectNode v3 = cvssList(vulnId).addObject();
                v3.put("version", c.version()).put("vectorString", c.vector()).put("baseScore", c.score())
                        .put("baseSeverity", c.score() == 0.0 ? "NONE"
                                : Severity.ofCvssScore(c.score()).name());
            }
        }
        f.epss().ifPresent(e -> {
            ObjectNode o = epss.putArray(vulnId).addObject();
            o.put("cve", e.cve()).put("epss", e.score()).put("percentile", e.percentile());
            e.date().ifPresent(d -> o.put("date", d.toString()));
        });
        f.kev().ifPresent(k -> {
            ObjectNode o = kev.putArray(vulnId).addObject();
            o.put("cve", k.cve()).put("vulnerability_name", k.name()).put("vendor_project", k.vendorProject())
                    .put("product", k.product()).put("date_added", k.dateAdded().toString())
                    .put("required_action", k.requiredAction());
            k.dueDate().ifPresent(d -> o.put("due_date", d.toString()));
            o.put("known_ransomware_campaign_use", k.knownRansomwareUse() ? "Known" : "Unknown");
        });
    }

    private ArrayNode cvssList(String vulnId) {
        return cvss.has(vulnId) ? (ArrayNode) cvss.get(vulnId) : cvss.putArray(vulnId);
    }

    /** Adds the enrichments that have any record to a report's {@code enrichments} object. */
    public void writeTo(ObjectNode enrichments) {
        put(enrichments, CVSS, cvss);
        put(enrichments, EPSS, epss);
        put(enrichments, KEV, kev);
        put(enrichments, FINDING, findings);
    }

    private static void put(ObjectNode enrichments, String type, ObjectNode map) {
        if (!map.isEmpty()) {
            enrichments.putArray(type).add(map);
        }
    }

    /** Clair's {@code description}: the advisory's, else its title (Clair has no title field). */
    static String description(Finding f) {
        return f.advisory().description().isEmpty() ? f.advisory().title() : f.advisory().description();
    }

}
