package io.plimsoll.report.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.catalog.Package;
import io.plimsoll.policy.Action;
import io.plimsoll.policy.eval.EvaluatedHit;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SARIF 2.1.0 for code-scanning UIs: one rule per advisory (help with the fix and references, GitHub's
 * {@code security-severity}), one result per finding located at the package's database file in the image, and
 * policy hits as results of one rule per gate/trigger. A rule's id is the advisory's own id; its aliases (the CVE of
 * a GHSA) are in the rule's and each result's {@code properties.aliases}, SARIF's place for what it has no field
 * for (a rule's {@code deprecatedIds} would say the aliases were retired names, which they are not).
 */
public final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SarifReport() {
    }

    public static String render(ScanReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "plimsoll");
        driver.put("semanticVersion", r.toolVersion());
        driver.put("version", r.toolVersion());
        ArrayNode rules = driver.putArray("rules");
        ArrayNode results = run.putArray("results");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();

        Map<String, List<Finding>> byAdvisory = new LinkedHashMap<>();
        r.findings().forEach(f -> byAdvisory.computeIfAbsent(f.advisory().id(), k -> new ArrayList<>()).add(f));
        // VEX-suppressed findings are results too, marked suppressed, so code scanning shows them as dismissed
        r.suppressed().forEach(s -> byAdvisory.computeIfAbsent(s.finding().advisory().id(), k -> new ArrayList<>())
                .add(s.finding()));
        for (List<Finding> group : byAdvisory.values()) {
            ruleIndex.put(group.get(0).advisory().id(), rules.size());
            advisoryRule(rules.addObject(), group);
        }
        for (Finding f : r.findings()) {
            findingResult(results.addObject(), f, ruleIndex.get(f.advisory().id()), r.imageName());
        }
        for (io.plimsoll.vuln.suppress.Suppressed s : r.suppressed()) {
            ObjectNode res = results.addObject();
            findingResult(res, s.finding(), ruleIndex.get(s.finding().advisory().id()), r.imageName());
            String why = s.why().status() + (s.why().justification().isEmpty() ? ""
                    : " (" + s.why().justification() + ")")
                    + (s.why().detail().isEmpty() ? "" : ": " + s.why().detail());
            String by = s.why().kind() == io.plimsoll.vuln.suppress.Suppression.Kind.VEX ? "VEX " : "ignore file ";
            res.putArray("suppressions").addObject().put("kind", "external").put("status", "accepted")
                    .put("justification", by + s.why().source() + ": " + why);
        }
        r.policy().ifPresent(p -> {
            for (EvaluatedHit h : p.evaluation().hits()) {
                String id = policyRuleId(h);
                Integer index = ruleIndex.get(id);
                if (index == null) {
                    index = rules.size();
                    ruleIndex.put(id, index);
                    policyRule(rules.addObject(), id, h);
                }
                hitResult(results.addObject(), h, p, id, index, r.imageName());
            }
        });
        ObjectNode props = run.putObject("properties");
        props.put("image", r.imageName());
        r.inventory().image().manifestDigest().ifPresent(d -> props.put("manifestDigest", d.toString()));
        r.policy().ifPresent(p -> props.put("policyFinalAction", p.finalAction().name()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void advisoryRule(ObjectNode rule, List<Finding> group) {
        Finding first = group.get(0);
        var a = first.advisory();
        // one advisory may rate packages differently: the rule carries the worst, each result its own
        Severity worst = group.stream().map(Finding::severity).max(Enum::compareTo).orElse(Severity.UNKNOWN);
        Optional<Double> score = group.stream().map(Severities::score).flatMap(Optional::stream)
                .max(Double::compare);
        rule.put("id", a.id());
        rule.put("name", a.id());
        rule.putObject("shortDescription").put("text", nonEmpty(a.title(), a.id() + " (" + worst.label() + ")"));
        rule.putObject("fullDescription").put("text", nonEmpty(a.description(), nonEmpty(a.title(), a.id())));
        StringBuilder help = new StringBuilder();
        StringBuilder md = new StringBuilder();
        help.append(a.id()).append(" (").append(worst.label()).append(")\n");
        md.append("**").append(a.id()).append("** (").append(worst.label()).append(")\n\n");
        if (!a.aliases().isEmpty()) {
            help.append("Aliases: ").append(String.join(", ", a.aliases())).append('\n');
            md.append("Aliases: ").append(String.join(", ", a.aliases())).append("\n\n");
        }
        md.append("| Package | Installed | Fixed in |\n|---|---|---|\n");
        for (Finding f : group) {
            String fix = f.nearestFix().map(v -> "upgrade to " + v).orElse("no fix available (" + f.status().label() + ")");
            help.append("Package ").append(f.pkg().name()).append(' ').append(f.pkg().version()).append(": ")
                    .append(fix).append('\n');
            md.append("| ").append(f.pkg().name()).append(" | ").append(f.pkg().version()).append(" | ")
                    .append(f.nearestFix().orElse("no fix")).append(" |\n");
        }
        if (!a.references().isEmpty()) {
            help.append("References:\n");
            md.append("\nReferences:\n");
            a.references().forEach(ref -> {
                help.append("  ").append(ref).append('\n');
                md.append("- ").append(ref).append('\n');
            });
        }
        ObjectNode h = rule.putObject("help");
        h.put("text", help.toString().strip());
        h.put("markdown", md.toString().strip());
        a.references().stream().filter(SarifReport::isHttp).findFirst().ifPresent(u -> rule.put("helpUri", u));
        rule.putObject("defaultConfiguration").put("level", Severities.sarifLevel(worst));
        ObjectNode props = rule.putObject("properties");
        a.aliases().forEach(props.putArray("aliases")::add);
        Severities.securitySeverity(worst, score)
                .ifPresent(s -> props.put("security-severity", String.format(Locale.ROOT, "%.1f", s)));
        ArrayNode tags = props.putArray("tags");
        tags.add("security");
        tags.add("vulnerability");
        tags.add(worst.label());
        group.stream().map(f -> f.pkg().type()).distinct().forEach(tags::add);
    }

    private static void findingResult(ObjectNode res, Finding f, int index, String image) {
        Package p = f.pkg();
        res.put("ruleId", f.advisory().id());
        res.put("ruleIndex", index);
        res.put("level", Severities.sarifLevel(f.severity()));
        res.putObject("message").put("text", p.name() + " " + p.version() + " is affected by "
                + f.advisory().ids().compact()
                + " (" + f.severity().label() + "); " + f.nearestFix().map(v -> "fixed in " + v)
                .orElse("no fix available (" + f.status().label() + ")"));
        location(res.putArray("locations").addObject(), Optional.of(p.location()), image);
        res.putObject("partialFingerprints").put("plimsollFinding/v1",
                sha256(f.advisory().id() + "\n" + p.purl() + "\n" + p.location()));
        ObjectNode props = res.putObject("properties");
        f.advisory().aliases().forEach(props.putArray("aliases")::add);
        props.put("package", p.name());
        props.put("installedVersion", p.version());
        props.put("type", p.type());
        props.put("purl", p.purl());
        props.put("severity", f.severity().label());
        props.put("status", f.status().label());
        f.fixedVersions().forEach(props.putArray("fixedVersions")::add);
        props.put("layer", p.provenance().layer());
        p.provenance().layerDigest().ifPresent(d -> props.put("layerDigest", d.toString()));
        p.provenance().createdBy().ifPresent(c -> props.put("createdBy", c));
    }

    static String policyRuleId(EvaluatedHit h) {
        return "policy/" + h.gate() + "/" + h.trigger();
    }

    private static void policyRule(ObjectNode rule, String id, EvaluatedHit h) {
        rule.put("id", id);
        rule.put("name", "policy " + h.gate() + " " + h.trigger());
        rule.putObject("shortDescription").put("text", "Policy gate '" + h.gate() + "', trigger '" + h.trigger() + "'");
        rule.putObject("help").put("text", "A rule of the image's policy with gate '" + h.gate() + "' and trigger '"
                + h.trigger() + "' fired. Each result names the policy rule, the trigger id and what the check found; "
                + "fix the image or allowlist the trigger id.");
        rule.putObject("defaultConfiguration").put("level", "warning");
        ArrayNode tags = rule.putObject("properties").putArray("tags");
        tags.add("policy");
        tags.add(h.gate());
    }

    private static void hitResult(ObjectNode res, EvaluatedHit h, PolicyResult p, String id, int index, String image) {
        res.put("ruleId", id);
        res.put("ruleIndex", index);
        res.put("level", h.effectiveAction() == Action.STOP ? "error"
                : h.effectiveAction() == Action.WARN ? "warning" : "note");
        res.putObject("message").put("text", h.action() + " " + h.policyId() + "/" + h.ruleId() + " ["
                + PolicyResult.triggerIdWithAliases(h) + "]: " + h.message());
        ObjectNode where = res.putArray("locations").addObject();
        location(where, h.location().map(l -> l.path()), image);
        // a secret or a content match is on one line: code scanning shows it there
        h.location().filter(l -> l.line() > 0 && where.has("physicalLocation"))
                .ifPresent(l -> ((ObjectNode) where.get("physicalLocation")).putObject("region")
                        .put("startLine", l.line()));
        if (h.allowlisted()) {
            res.putArray("suppressions").addObject().put("kind", "external").put("status", "accepted")
                    .put("justification", "allowlisted by " + h.allowlistedBy().get().id());
        }
        if (!p.inBaseline().isEmpty() || p.inBaseline(h)) {
            res.put("baselineState", p.inBaseline(h) ? "unchanged" : "new");
        }
        res.putObject("partialFingerprints").put("plimsollPolicyHit/v1", sha256(h.gate() + "\n" + h.triggerId()));
        ObjectNode props = res.putObject("properties");
        props.put("policyId", h.policyId());
        props.put("ruleId", h.ruleId());
        props.put("triggerId", h.triggerId());
        h.aliases().forEach(props.putArray("aliases")::add);
        props.put("action", h.action().name());
        props.put("effectiveAction", h.effectiveAction().name());
    }

    /** The package's record file, relative to the image root (SARIF URIs are relative to the scanned "source"). */
    private static void location(ObjectNode loc, Optional<String> path, String image) {
        path.filter(s -> !s.isEmpty()).ifPresent(s -> loc.putObject("physicalLocation").putObject("artifactLocation")
                .put("uri", uri(s)));
        loc.putArray("logicalLocations").addObject().put("name", image).put("kind", "module")
                .put("fullyQualifiedName", image);
    }

    /** Strips the leading slash and percent-encodes what a URI reference cannot hold (spaces, '#', '?', '%'). */
    static String uri(String path) {
        String rel = path.replaceFirst("^/+", "");
        StringBuilder b = new StringBuilder();
        for (byte c : rel.getBytes(StandardCharsets.UTF_8)) {
            int u = c & 0xff;
            if (u > 0x20 && u < 0x7f && "#?%\"<>\\^`{|}[]".indexOf(u) < 0) {
                b.append((char) u);
            } else {
                b.append('%').append(String.format("%02X", u));
            }
        }
        return b.toString();
    }

    private static boolean isHttp(String s) {
        return s.startsWith("https://") || s.startsWith("http://");
    }

    private static String nonEmpty(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s.strip();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
