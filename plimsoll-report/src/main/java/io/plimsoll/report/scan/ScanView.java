package io.plimsoll.report.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.Image;
import io.plimsoll.report.text.Ages;
import io.plimsoll.report.text.Tables;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.suppress.Suppressed;
import io.plimsoll.vuln.suppress.Suppression;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.store.SourceStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a scan: findings grouped by package with a severity summary, and the state of the data behind them. */
public final class ScanView {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScanView() {
    }

    /** The table, with severities in colour when {@code colour} (a terminal, and the user did not set NO_COLOR). */
    public static void table(ScanReport r, PrintWriter out, boolean colour) {
        List<Finding> findings = r.findings();
        Image img = r.inventory().image();
        out.println("Image            " + img.name() + img.manifestDigest().map(d -> " (" + d + ")").orElse(""));
        out.println("Distro           " + r.inventory().distro().map(d -> d.prettyName().isEmpty()
                ? d.id() + " " + d.versionId() : d.prettyName()).orElse("not detected"));
        out.println("Packages         " + r.inventory().packages().size());
        out.println("Vulnerabilities  " + summary(findings));
        Map<String, List<Finding>> byPackage = new LinkedHashMap<>();
        for (Finding f : findings) {
            byPackage.computeIfAbsent(f.pkg().name() + " " + f.pkg().version() + " " + f.pkg().location(),
                    k -> new ArrayList<>()).add(f);
        }
        for (List<Finding> group : byPackage.values()) {
            Package p = group.get(0).pkg();
            out.println();
            String src = p.sourceName().isEmpty() || p.sourceName().equals(p.name()) ? ""
                    : ", source " + p.sourceName() + " " + p.sourceVersion();
            out.println(p.name() + " " + p.version() + " (" + p.type() + src + ")  layer " + p.provenance().layer()
                    + p.provenance().createdBy().map(c -> ": " + truncate(c, 60)).orElse(""));
            if (!p.type().equals("deb") && !p.type().equals("rpm") && !p.type().equals("apk")) {
                out.println("  at " + p.location());
            }
            List<String[]> rows = new ArrayList<>();
            for (Finding f : group) {
                rows.add(new String[] {f.advisory().ids().compact(), Tables.severity(f.severity(), colour),
                    f.bestCvss().map(c -> String.format("%.1f", c.score())).orElse(""), status(f),
                    f.kev().isPresent() ? "KEV" : "",
                    f.epss().map(e -> String.format("EPSS %.1f%%", e.score() * 100)).orElse(""),
                    truncate(f.advisory().title().isEmpty() ? f.advisory().description() : f.advisory().title(), 60)});
            }
            Tables.print(out, rows, "  ");
        }
        out.println();
        suppressed(r, out);
        data(r, out);
    }

    /** Findings VEX statements and the ignore file took out, each in its own section, with why. */
    private static void suppressed(ScanReport r, PrintWriter out) {
        for (Suppression.Kind kind : Suppression.Kind.values()) {
            List<Suppressed> of = r.suppressed().stream().filter(s -> s.why().kind() == kind).toList();
            if (of.isEmpty()) {
                continue;
            }
            out.println((kind == Suppression.Kind.VEX ? "Suppressed by VEX (" : "Ignored by the ignore file (")
                    + of.size() + ")");
            List<String[]> rows = new ArrayList<>();
            for (Suppressed s : of) {
                rows.add(new String[] {s.finding().advisory().ids().compact(),
                    s.finding().pkg().name() + " " + s.finding().pkg().version(),
                    kind == Suppression.Kind.VEX
                            ? s.why().status() + (s.why().justification().isEmpty() ? "" : ": " + s.why().justification())
                            : s.why().source(),
                    truncate(s.why().detail(), 60)});
            }
            Tables.print(out, rows, "  ");
            out.println();
        }
    }

    private static void data(ScanReport r, PrintWriter out) {
        r.notes().forEach(n -> out.println("NOTE: " + n));
        DataFreshness d = r.data();
        if (d.unavailable()) {
            out.println("WARNING: vulnerability data is unavailable"
                    + r.dataProblem().map(p -> " (" + p + ")").orElse("")
                    + ": no vulnerabilities could be checked (the inventory of " + r.inventory().packages().size() + " packages is complete).");
            out.println("  To get data: " + ScanReport.HOW_TO_GET_DATA + ".");
            return;
        }
        if (!d.ageKnown()) {
            out.println("Vulnerability data: " + d.database().map(Object::toString).orElse("the server")
                    + ", data age unknown (the server does not report its feeds)");
            return;
        }
        StringBuilder b = new StringBuilder("Vulnerability data: ");
        List<String> parts = new ArrayList<>();
        for (SourceStatus s : d.sources()) {
            if (s.updatedAt().isPresent()) {
                parts.add(s.name() + " " + Ages.of(Duration.between(s.updatedAt().get(), d.now())) + " old"
                        + (s.failed() ? " (last update failed)" : ""));
            }
        }
        out.println(b.append(String.join(", ", parts)));
        if (!d.missing().isEmpty()) {
            out.println("WARNING: no data from " + String.join(", ", d.missing())
                    + ": findings from those sources are missing. To get data: " + ScanReport.HOW_TO_GET_DATA + ".");
        }
        if (!d.stale().isEmpty()) {
            out.println("WARNING: data older than " + Ages.of(d.maxAge()) + " from " + String.join(", ", d.stale())
                    + "; run 'plimsoll db update'.");
        }
    }

    static String summary(List<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        int fixable = 0;
        for (Finding f : findings) {
            counts.merge(f.severity(), 1, Integer::sum);
            if (f.hasFix()) {
                fixable++;
            }
        }
        if (findings.isEmpty()) {
            return "none found";
        }
        List<String> parts = new ArrayList<>();
        for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.NEGLIGIBLE,
                Severity.UNKNOWN)) {
            if (counts.containsKey(s)) {
                parts.add(counts.get(s) + " " + s.label());
            }
        }
        return findings.size() + " (" + String.join(", ", parts) + "); " + fixable + " with a fix";
    }

    private static String status(Finding f) {
        return switch (f.status()) {
            case FIXED -> "fixed in " + String.join(", ", f.fixedVersions().subList(0, Math.min(2, f.fixedVersions().size())));
            case AFFECTED -> "no fix yet";
            case WILL_NOT_FIX -> "won't fix";
            case FIX_DEFERRED -> "fix deferred";
            case UNDER_INVESTIGATION -> "under investigation";
            case NOT_AFFECTED -> "not affected";
        };
    }

    /** The {@code plimsoll-scan/1} JSON document, without a final line break. */
    public static String json(ScanReport r) {
        List<Finding> findings = r.findings();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", "plimsoll-scan/1");
        Image img = r.inventory().image();
        ObjectNode image = root.putObject("image");
        image.put("name", img.name());
        image.put("manifestDigest", img.manifestDigest().map(Object::toString).orElse(null));
        image.put("imageId", img.configDigest().map(Object::toString).orElse(null));
        r.inventory().distro().ifPresent(d -> {
            ObjectNode o = root.putObject("distro");
            o.put("id", d.id());
            o.put("versionId", d.versionId());
            o.put("namespace", Ecosystems.namespaceOf(d));
        });
        root.put("packages", r.inventory().packages().size());
        ObjectNode summary = root.putObject("summary");
        for (Severity s : Severity.values()) {
            summary.put(s.label(), findings.stream().filter(f -> f.severity() == s).count());
        }
        summary.put("total", findings.size());
        summary.put("withFix", findings.stream().filter(Finding::hasFix).count());
        ObjectNode data = root.putObject("vulnerabilityData");
        DataFreshness d = r.data();
        data.put("available", !d.unavailable());
        data.put("database", d.database().map(Object::toString).orElse(null));
        r.dataProblem().ifPresent(p -> data.put("problem", p));
        strings(data.putArray("missingSources"), d.missing());
        strings(data.putArray("failedSources"), d.failed());
        strings(data.putArray("staleSources"), d.stale());
        data.put("maxAge", d.maxAge().toString());
        data.put("ageKnown", d.ageKnown());
        ArrayNode sources = data.putArray("sources");
        for (SourceStatus s : d.sources()) {
            ObjectNode o = sources.addObject();
            o.put("name", s.name());
            o.put("url", s.url());
            o.put("updatedAt", s.updatedAt().map(Object::toString).orElse(null));
            o.put("error", s.error().orElse(null));
            o.put("records", s.records());
        }
        if (!d.complete()) {
            data.put("howToGetData", ScanReport.HOW_TO_GET_DATA);
        }
        strings(root.putArray("notes"), r.notes());
        ArrayNode suppressed = root.putArray("suppressed");
        for (var s : r.suppressed()) {
            ObjectNode o = suppressed.addObject();
            o.put("id", s.finding().advisory().id());
            strings(o.putArray("aliases"), s.finding().advisory().aliases());
            o.put("package", s.finding().pkg().name());
            o.put("version", s.finding().pkg().version());
            o.put("purl", s.finding().pkg().purl());
            o.put("status", s.why().status());
            o.put("justification", s.why().justification());
            o.put("detail", s.why().detail());
            o.put("document", s.why().source());
            o.put("suppressedBy", s.why().kind() == Suppression.Kind.VEX ? "vex" : "ignorefile");
        }
        ArrayNode arr = root.putArray("findings");
        for (Finding f : findings) {
            ObjectNode o = arr.addObject();
            o.put("id", f.advisory().id());
            strings(o.putArray("aliases"), f.advisory().aliases());
            o.put("source", f.advisory().source());
            o.put("title", f.advisory().title());
            o.put("severity", f.severity().label());
            o.put("severitySource", f.severitySource());
            o.put("sourceSeverity", f.advisory().sourceSeverity());
            o.put("status", f.status().label());
            strings(o.putArray("fixedVersions"), f.fixedVersions());
            o.put("nearestFix", f.nearestFix().orElse(null));
            Package p = f.pkg();
            // the file the finding is about, in the fields a policy hit uses too
            if (p.location() != null && !p.location().isEmpty()) {
                o.put("path", p.location());
                o.put("layer", p.provenance().layer());
            }
            ObjectNode pkg = o.putObject("package");
            pkg.put("name", p.name());
            pkg.put("version", p.version());
            pkg.put("type", p.type());
            pkg.put("purl", p.purl());
            pkg.put("location", p.location());
            pkg.put("layer", p.provenance().layer());
            pkg.put("layerDigest", p.provenance().layerDigest().map(Object::toString).orElse(null));
            pkg.put("createdBy", p.provenance().createdBy().orElse(null));
            ObjectNode match = o.putObject("match");
            match.put("namespace", f.namespace());
            match.put("name", f.matchedName());
            match.put("version", f.matchedVersion());
            match.put("rule", f.matchedBy());
            ArrayNode cvss = o.putArray("cvss");
            for (Cvss c : f.cvss()) {
                ObjectNode co = cvss.addObject();
                co.put("version", c.version());
                co.put("vector", c.vector());
                if (c.hasScore()) {
                    co.put("score", c.score());
                }
                co.put("source", c.source());
            }
            f.epss().ifPresent(e -> {
                ObjectNode eo = o.putObject("epss");
                eo.put("score", e.score());
                eo.put("percentile", e.percentile());
            });
            f.kev().ifPresent(k -> {
                ObjectNode ko = o.putObject("kev");
                ko.put("dateAdded", k.dateAdded().toString());
                ko.put("dueDate", k.dueDate().map(Object::toString).orElse(null));
                ko.put("knownRansomwareCampaignUse", k.knownRansomwareUse());
            });
            strings(o.putArray("references"), f.advisory().references());
        }
        r.policy().ifPresent(o -> PolicyView.json(o, root.putObject("policy")));
        r.advice().ifPresent(a -> AdviceView.json(a, root.putObject("advice")));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static String truncate(String s, int n) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= n ? one : one.substring(0, n - 1) + "…";
    }

}
