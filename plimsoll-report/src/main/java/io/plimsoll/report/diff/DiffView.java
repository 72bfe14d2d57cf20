package io.plimsoll.report.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.catalog.Package;
import io.plimsoll.policy.Action;
import io.plimsoll.report.scan.SarifReport;
import io.plimsoll.report.scan.ScanReport;
import io.plimsoll.vuln.match.Finding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

/** An {@link ImageDiff} as a table, as the {@code plimsoll-diff/1} JSON document, or as SARIF of the new findings. */
public final class DiffView {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiffView() {
    }

    public static String table(ImageDiff d) {
        StringWriter buffer = new StringWriter();
        PrintWriter out = new PrintWriter(buffer);
        out.println("Old: " + d.before().imageName());
        out.println("New: " + d.after().imageName());
        out.println();
        section(out, "Packages added", d.added().stream().map(p -> "+ " + pkg(p)).toList());
        section(out, "Packages removed", d.removed().stream().map(p -> "- " + pkg(p)).toList());
        section(out, "Packages changed", d.changed().stream().map(c -> "~ " + c.after().name() + " "
                + c.before().version() + " → " + c.after().version() + layer(c.after())).toList());
        section(out, "New findings", d.newFindings().stream().map(f -> "+ " + finding(f)).toList());
        section(out, "Fixed findings", d.fixedFindings().stream().map(f -> "- " + finding(f)).toList());
        if (d.policyBefore().isPresent() || d.policyAfter().isPresent()) {
            out.println("Policy: " + action(d.policyBefore()) + " → " + action(d.policyAfter()));
        }
        out.println(d.added().size() + " added, " + d.removed().size() + " removed, " + d.changed().size()
                + " changed; " + d.newFindings().size() + " new findings, " + d.fixedFindings().size() + " fixed");
        out.flush();
        return buffer.toString();
    }

    public static String json(ImageDiff d) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", "plimsoll-diff/1");
        root.put("old", d.before().inventory().image().name());
        root.put("new", d.after().inventory().image().name());
        ObjectNode packages = root.putObject("packages");
        ArrayNode addedPackages = packages.putArray("added");
        d.added().forEach(p -> pkg(addedPackages.addObject(), p));
        ArrayNode removed = packages.putArray("removed");
        d.removed().forEach(p -> pkg(removed.addObject(), p));
        ArrayNode changed = packages.putArray("changed");
        for (ImageDiff.Change c : d.changed()) {
            ObjectNode o = changed.addObject();
            pkg(o, c.after());
            o.put("version", c.after().version());
            o.put("oldVersion", c.before().version());
        }
        ObjectNode findings = root.putObject("findings");
        ArrayNode added = findings.putArray("new");
        d.newFindings().forEach(f -> finding(added.addObject(), f));
        ArrayNode fixed = findings.putArray("fixed");
        d.fixedFindings().forEach(f -> finding(fixed.addObject(), f));
        ObjectNode policy = root.putObject("policy");
        policy.put("old", d.policyBefore().map(Action::name).orElse(null));
        policy.put("new", d.policyAfter().map(Action::name).orElse(null));
        try {
            return MAPPER.writeValueAsString(root) + System.lineSeparator();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SARIF 2.1.0 with the new image's new findings only: what a code-scanning upload should flag for a change. */
    public static String sarif(ImageDiff d) {
        ScanReport a = d.after();
        return SarifReport.render(new ScanReport(a.inventory(), d.newFindings(), a.data(), a.dataProblem(), a.notes(),
                Optional.empty(), a.toolVersion(), List.of())) + "\n";
    }

    private static void section(PrintWriter out, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.println(title + ":");
        lines.forEach(l -> out.println("  " + l));
        out.println();
    }

    private static String pkg(Package p) {
        return p.name() + " " + p.version() + " (" + p.type() + ")" + layer(p);
    }

    private static String layer(Package p) {
        return p.provenance() == null ? "" : "  layer " + p.provenance().layer()
                + p.provenance().createdBy().map(c -> ": " + c).orElse("");
    }

    private static String finding(Finding f) {
        return f.advisory().id() + " " + f.severity().label() + " " + f.pkg().name() + " " + f.pkg().version()
                + f.nearestFix().map(v -> " (fixed in " + v + ")").orElse("");
    }

    private static String action(Optional<Action> a) {
        return a.map(Action::name).orElse("none");
    }

    private static void pkg(ObjectNode o, Package p) {
        o.put("name", p.name());
        o.put("version", p.version());
        o.put("type", p.type());
        o.put("purl", p.purl());
        if (p.provenance() != null) {
            o.put("layer", p.provenance().layer());
            o.put("createdBy", p.provenance().createdBy().orElse(null));
        }
    }

    private static void finding(ObjectNode o, Finding f) {
        o.put("id", f.advisory().id());
        o.put("severity", f.severity().label());
        o.put("package", f.pkg().name());
        o.put("version", f.pkg().version());
        o.put("purl", f.pkg().purl());
        o.put("nearestFix", f.nearestFix().orElse(null));
    }
}
