package io.plimsoll.server.harbor;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.report.sbom.CycloneDxWriter;
import io.plimsoll.report.sbom.SpdxWriter;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bodies of Harbor's scanner API: {@code HarborVulnerabilityReport} (for the 1.1 vulnerability MIME type and
 * the older Harbor 1.0 one alike) and {@code HarborSbomReport}, each naming the artifact as Harbor's scan request
 * did.
 */
final class HarborReports {

    static final String VULN_1_1 = "application/vnd.security.vulnerability.report; version=1.1";
    static final String VULN_HARBOR_1_0 = "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0";
    static final String VULN_RAW = "application/vnd.scanner.adapter.vuln.report.raw";
    static final String SBOM_1_0 = "application/vnd.security.sbom.report+json; version=1.0";
    static final String SPDX = "application/spdx+json";
    static final String CYCLONEDX = "application/vnd.cyclonedx+json";
    static final List<String> CONSUMES = List.of("application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    /** Annotation keys of a Harbor submission. */
    static final String REPOSITORY = "harbor.repository";
    static final String REGISTRY = "harbor.registry";
    static final String TAG = "harbor.tag";
    static final String MIME_TYPE = "harbor.mime_type";

    private HarborReports() {
    }

    /** The scanner as every body names it. */
    static Map<String, Object> scanner(String version) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", "Plimsoll");
        s.put("vendor", "Plimsoll");
        s.put("version", version);
        return s;
    }

    static Map<String, Object> artifact(Map<String, String> annotations, String digest) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("repository", annotations.getOrDefault(REPOSITORY, ""));
        a.put("digest", digest);
        Optional.ofNullable(annotations.get(TAG)).ifPresent(t -> a.put("tag", t));
        Optional.ofNullable(annotations.get(MIME_TYPE)).ifPresent(m -> a.put("mime_type", m));
        return a;
    }

    /** {@code HarborVulnerabilityReport}: one item per finding, the image's severity the highest of them. */
    static Map<String, Object> vulnerabilities(Map<String, Object> artifact, Map<String, Object> scanner,
                                               List<Finding> findings, Instant now) {
        List<Object> items = new ArrayList<>();
        Severity highest = Severity.UNKNOWN;
        for (Finding f : findings.stream().sorted(Finding.REPORT_ORDER).toList()) {
            items.add(item(f));
            if (f.severity().compareTo(highest) > 0) {
                highest = f.severity();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generated_at", now.toString());
        out.put("artifact", artifact);
        out.put("scanner", scanner);
        out.put("severity", severity(highest));
        out.put("vulnerabilities", items);
        return out;
    }

    private static Map<String, Object> item(Finding f) {
        Package p = f.pkg();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", f.advisory().id());
        v.put("package", p.name());
        v.put("version", p.version());
        f.nearestFix().ifPresent(fix -> v.put("fix_version", fix));
        v.put("severity", severity(f.severity()));
        String description = f.advisory().description().isBlank() ? f.advisory().title() : f.advisory().description();
        v.put("description", description);
        v.put("links", f.advisory().references().stream().filter(l -> l.startsWith("https://")
                || l.startsWith("http://")).toList());
        cvss(f).ifPresent(c -> v.put("preferred_cvss", c));
        // the advisory model carries no CWE classification yet: an empty list says "none known", not "none"
        v.put("cwe_ids", List.of());
        // where the package came from, as Trivy's adapter reports it: Harbor shows the layer in the artifact view
        p.provenance().layerDigest().ifPresent(d -> v.put("layer", Map.of("digest", d.toString())));
        Map<String, Object> vendor = new LinkedHashMap<>();
        vendor.put("purl", p.purl());
        vendor.put("package_type", p.type());
        vendor.put("location", p.location());
        vendor.put("namespace", f.namespace());
        vendor.put("fixed_versions", f.fixedVersions());
        vendor.put("status", f.status().name().toLowerCase(java.util.Locale.ROOT));
        vendor.put("aliases", f.advisory().aliases());
        Map<String, Object> scores = new LinkedHashMap<>();
        for (Cvss c : f.cvss()) {
            if (c.hasScore()) {
                scores.put((c.source().isBlank() ? "unknown" : c.source()) + "/v" + c.version(),
                        Map.of("score", c.score(), "vector", c.vector()));
            }
        }
        vendor.put("cvss", scores);
        f.epss().ifPresent(e -> vendor.put("epss", e));
        f.kev().ifPresent(k -> vendor.put("known_exploited", true));
        v.put("vendor_attributes", vendor);
        return v;
    }

    /** {@code CVSSDetails}: the best-scored v3.x and v2 assessments. */
    private static Optional<Map<String, Object>> cvss(Finding f) {
        Map<String, Object> out = new LinkedHashMap<>();
        best(f, "3").ifPresent(c -> {
            out.put("score_v3", c.score());
            out.put("vector_v3", c.vector());
        });
        best(f, "2").ifPresent(c -> {
            out.put("score_v2", c.score());
            out.put("vector_v2", c.vector());
        });
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private static Optional<Cvss> best(Finding f, String major) {
        return f.cvss().stream().filter(Cvss::hasScore).filter(c -> c.version().startsWith(major))
                .max(Comparator.comparing(Cvss::version).thenComparingDouble(Cvss::score));
    }

    /** Harbor's scale: Unknown, Negligible, Low, Medium, High, Critical. */
    static String severity(Severity s) {
        String n = s.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** {@code HarborSbomReport}: the SBOM document itself under {@code sbom}, made by the report module's writers. */
    static Map<String, Object> sbom(Map<String, Object> artifact, Map<String, Object> scanner, Inventory inventory,
                                    String mediaType, String version, Instant now) {
        String document = mediaType.equals(SPDX) ? SpdxWriter.json(inventory, version)
                : CycloneDxWriter.json(inventory, version);
        JsonNode sbom;
        try {
            sbom = Exchange.JSON.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException("the SBOM writer produced invalid JSON", e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generated_at", now.toString());
        out.put("artifact", artifact);
        out.put("scanner", scanner);
        out.put("vendor_attributes", Map.of("packages", inventory.packages().size()));
        out.put("media_type", mediaType);
        out.put("sbom", sbom);
        return out;
    }
}
