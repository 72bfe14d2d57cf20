package io.plimsoll.report.scan;

import io.plimsoll.catalog.Package;
import io.plimsoll.report.sbom.CycloneDxWriter;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.match.Finding;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.vulnerability.Vulnerability;

/**
 * {@code scan --format cyclonedx-json}: the image's SBOM (as {@code sbom --format cyclonedx-json} writes it) plus a
 * CycloneDX {@code vulnerabilities} entry per advisory, with its ratings (the finding's severity and every CVSS
 * assessment), the affected components by bom-ref with their installed versions, and the fix as recommendation.
 */
public final class CycloneDxScanReport {

    private CycloneDxScanReport() {
    }

    public static String render(ScanReport report) {
        Bom bom = CycloneDxWriter.bom(report.inventory(), report.toolVersion());
        // bom() gives packages their refs in inventory order; findings point at the same Package objects
        Map<Package, String> refs = new IdentityHashMap<>();
        List<Package> packages = report.inventory().packages();
        List<Component> components = bom.getComponents();
        int offset = components.size() - packages.size();
        for (int i = 0; i < packages.size(); i++) {
            refs.put(packages.get(i), components.get(offset + i).getBomRef());
        }
        Map<String, List<Finding>> byAdvisory = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            byAdvisory.computeIfAbsent(f.advisory().source() + "\u0000" + f.advisory().id(), k -> new ArrayList<>())
                    .add(f);
        }
        List<Vulnerability> vulnerabilities = new ArrayList<>();
        for (List<Finding> group : byAdvisory.values()) {
            vulnerabilities.add(vulnerability(group, refs));
        }
        // suppressed findings stay in the document, with the VEX statement or the ignore entry as their analysis
        for (io.plimsoll.vuln.suppress.Suppressed s : report.suppressed()) {
            Vulnerability v = vulnerability(List.of(s.finding()), refs);
            v.setBomRef(v.getBomRef() + "-suppressed-" + refs.get(s.finding().pkg()));
            Vulnerability.Analysis analysis = new Vulnerability.Analysis();
            String detail = s.why().detail().isEmpty() ? "" : s.why().detail() + " ";
            if (s.why().kind() == io.plimsoll.vuln.suppress.Suppression.Kind.VEX) {
                analysis.setState(s.why().status().equals("fixed") ? Vulnerability.Analysis.State.RESOLVED
                        : Vulnerability.Analysis.State.NOT_AFFECTED);
                justification(s.why().justification()).ifPresent(analysis::setJustification);
                analysis.setDetail(detail + "(VEX: " + s.why().source() + ")");
            } else {
                // an ignore entry accepts the risk; it does not claim the package is unaffected
                analysis.setState(Vulnerability.Analysis.State.EXPLOITABLE);
                analysis.setResponses(List.of(Vulnerability.Analysis.Response.WILL_NOT_FIX));
                analysis.setDetail(detail + "(ignored: " + s.why().source() + ")");
            }
            v.setAnalysis(analysis);
            vulnerabilities.add(v);
        }
        bom.setVulnerabilities(vulnerabilities);
        try {
            return BomGeneratorFactory.createJson(CycloneDxWriter.VERSION, bom).toJsonString();
        } catch (org.cyclonedx.exception.GeneratorException e) {
            throw new IllegalStateException("cannot write CycloneDX JSON: " + e.getMessage(), e);
        }
    }

    private static Vulnerability vulnerability(List<Finding> group, Map<Package, String> refs) {
        Finding first = group.get(0);
        Vulnerability v = new Vulnerability();
        v.setId(first.advisory().id());
        v.setBomRef("vuln-" + first.advisory().source() + "-" + first.advisory().id());
        Vulnerability.Source source = new Vulnerability.Source();
        source.setName(first.advisory().source());
        v.setSource(source);
        if (!first.advisory().description().isEmpty()) {
            v.setDescription(first.advisory().description());
        }
        if (!first.advisory().title().isEmpty()) {
            v.setDetail(first.advisory().title());
        }
        List<Vulnerability.Rating> ratings = new ArrayList<>();
        Vulnerability.Rating own = new Vulnerability.Rating();
        own.setSeverity(severity(first.severity()));
        Vulnerability.Source ownSource = new Vulnerability.Source();
        ownSource.setName(first.severitySource());
        own.setSource(ownSource);
        own.setMethod(Vulnerability.Rating.Method.OTHER);
        ratings.add(own);
        for (Cvss c : first.cvss()) {
            Vulnerability.Rating r = new Vulnerability.Rating();
            if (c.hasScore()) {
                r.setScore(c.score());
                r.setSeverity(severity(io.plimsoll.vuln.Severity.ofCvssScore(c.score())));
            }
            r.setMethod(c.version().startsWith("4") ? Vulnerability.Rating.Method.CVSSV4
                    : c.version().equals("3.1") ? Vulnerability.Rating.Method.CVSSV31
                    : c.version().startsWith("3") ? Vulnerability.Rating.Method.CVSSV3
                    : Vulnerability.Rating.Method.CVSSV2);
            if (!c.vector().isEmpty()) {
                r.setVector(c.vector());
            }
            Vulnerability.Source s = new Vulnerability.Source();
            s.setName(c.source());
            r.setSource(s);
            ratings.add(r);
        }
        v.setRatings(ratings);
        List<Vulnerability.Affect> affects = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (Finding f : group) {
            Vulnerability.Affect a = new Vulnerability.Affect();
            a.setRef(refs.get(f.pkg()));
            Vulnerability.Version version = new Vulnerability.Version();
            version.setVersion(f.pkg().version());
            version.setStatus(Vulnerability.Version.Status.AFFECTED);
            a.setVersions(List.of(version));
            affects.add(a);
            f.nearestFix().ifPresent(fix -> fixes.add(f.pkg().name() + " " + fix));
        }
        v.setAffects(affects);
        if (!fixes.isEmpty()) {
            v.setRecommendation("Upgrade to " + String.join(", ", fixes));
        }
        List<Vulnerability.Reference> aliases = new ArrayList<>();
        for (String alias : first.advisory().aliases()) {
            Vulnerability.Reference ref = new Vulnerability.Reference();
            ref.setId(alias);
            Vulnerability.Source s = new Vulnerability.Source();
            s.setName(alias.startsWith("CVE-") ? "NVD" : alias.startsWith("GHSA-") ? "GitHub" : first.advisory().source());
            ref.setSource(s);
            aliases.add(ref);
        }
        if (!aliases.isEmpty()) {
            v.setReferences(aliases);
        }
        return v;
    }

    /** OpenVEX justifications in CycloneDX's words, where one exists. */
    private static java.util.Optional<Vulnerability.Analysis.Justification> justification(String openVex) {
        return java.util.Optional.ofNullable(switch (openVex) {
            case "component_not_present" -> Vulnerability.Analysis.Justification.CODE_NOT_PRESENT;
            case "vulnerable_code_not_present" -> Vulnerability.Analysis.Justification.CODE_NOT_PRESENT;
            case "vulnerable_code_not_in_execute_path" -> Vulnerability.Analysis.Justification.CODE_NOT_REACHABLE;
            case "vulnerable_code_cannot_be_controlled_by_adversary" ->
                    Vulnerability.Analysis.Justification.PROTECTED_BY_MITIGATING_CONTROL;
            case "inline_mitigations_already_exist" -> Vulnerability.Analysis.Justification.PROTECTED_AT_RUNTIME;
            default -> null;
        });
    }

    private static Vulnerability.Rating.Severity severity(io.plimsoll.vuln.Severity s) {
        return switch (s) {
            case CRITICAL -> Vulnerability.Rating.Severity.CRITICAL;
            case HIGH -> Vulnerability.Rating.Severity.HIGH;
            case MEDIUM -> Vulnerability.Rating.Severity.MEDIUM;
            case LOW -> Vulnerability.Rating.Severity.LOW;
            case NEGLIGIBLE -> Vulnerability.Rating.Severity.INFO;
            case UNKNOWN -> Vulnerability.Rating.Severity.UNKNOWN;
        };
    }
}
