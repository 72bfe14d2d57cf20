package io.plimsoll.server.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.policy.eval.EvaluatedHit;
import io.plimsoll.policy.eval.Evaluation;
import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.server.analysis.PolicyRepository.StoredPolicy;
import io.plimsoll.server.query.QueryIndex;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.match.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Anchore Engine v1 response shapes (image records, vulnerability lists, policy checks, policy records). */
final class AnchoreViews {

    /** Reads and writes the policy bundles the API stores (the HTTP layer's own mapper stays in {@code http}). */
    static final ObjectMapper JSON = new ObjectMapper();

    static final List<String> CHECK_HEADER = List.of("Image_Id", "Repo_Tag", "Trigger_Id", "Gate", "Trigger",
            "Check_Output", "Gate_Action", "Whitelisted", "Policy_Id");

    private AnchoreViews() {
    }

    static boolean isOsPackage(Package p) {
        return Ecosystems.isOsPackageType(p.type());
    }

    /** An image record as a list shows it: what the analysis found is summarised, not read. */
    static Map<String, Object> image(ImageRecord r) {
        return image(r, Optional.empty());
    }

    /**
     * Anchore's image record. With the stored analysis, {@code image_content.metadata} also says the architecture,
     * size and layer count (anchore-cli's {@code image get} prints them; without the document they are null).
     */
    static Map<String, Object> image(ImageRecord r, Optional<AnalysisDocument> doc) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("imageDigest", r.digest().orElse(null));
        m.put("parentDigest", r.digest().orElse(null));
        m.put("analysis_status", r.status());
        m.put("image_status", "active");
        m.put("image_type", "docker");
        m.put("created_at", r.createdAt().toString());
        m.put("last_updated", r.lastUpdated().toString());
        m.put("analyzed_at", r.analyzedAt().map(Instant::toString).orElse(null));
        m.put("annotations", r.annotations());
        List<Object> details = new ArrayList<>();
        ImageName name = ImageName.parse(r.tag().orElse(r.pullReference()));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("registry", name.registry());
        d.put("repo", name.repository());
        d.put("tag", r.tag().isPresent() ? name.tag() : null);
        d.put("fulltag", r.tag().orElse(null));
        d.put("imageDigest", r.digest().orElse(null));
        d.put("imageId", r.imageId().orElse(null));
        d.put("fulldigest", r.digest().map(x -> name.registry() + "/" + name.repository() + "@" + x).orElse(null));
        d.put("dockerfile", r.dockerfile().orElse(null));
        // anchore-cli's image list picks the newest record of each tag by these
        d.put("created_at", r.createdAt().toString());
        d.put("last_updated", r.lastUpdated().toString());
        d.put("tag_detected_at", r.createdAt().toString());
        details.add(d);
        m.put("image_detail", details);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("distro", r.distro().map(x -> x.substring(0, x.indexOf(':'))).orElse(null));
        meta.put("distro_version", r.distro().map(x -> x.substring(x.indexOf(':') + 1)).orElse(null));
        meta.put("package_count", r.packageCount());
        meta.put("dockerfile_mode", r.dockerfile().isPresent() ? "Actual" : "Guessed");
        Optional<io.plimsoll.image.Image> image = doc.map(x -> x.inventory().image());
        meta.put("arch", image.map(i -> i.config().architecture()).filter(a -> !a.isEmpty()).orElse(null));
        meta.put("image_size", image.map(i -> i.layers().stream().mapToLong(io.plimsoll.image.Layer::size).sum())
                .orElse(null));
        meta.put("layer_count", image.map(i -> i.layers().size()).orElse(null));
        m.put("image_content", Map.of("metadata", meta));
        // not Anchore's: a failed tag never got a digest, so the record's own id, and why it failed
        m.put("record_id", r.id());
        m.put("analysis_error", r.error().orElse(null));
        return m;
    }

    static Map<String, Object> vulnerability(Finding f) {
        Package p = f.pkg();
        Map<String, Object> m = new LinkedHashMap<>();
        String id = f.advisory().id();
        m.put("vuln", id);
        m.put("severity", capitalised(f.severity().name()));
        m.put("package", p.name() + "-" + p.version());
        m.put("package_name", p.name());
        m.put("package_version", p.version());
        m.put("package_type", anchoreType(p.type()));
        m.put("package_cpe", "None");
        m.put("package_cpe23", "None");
        m.put("package_path", p.location() == null || p.location().isEmpty() ? "pkgdb" : p.location());
        m.put("fix", f.nearestFix().orElse("None"));
        m.put("will_not_fix", f.status() == AffectedStatus.WILL_NOT_FIX);
        m.put("url", f.advisory().references().isEmpty() ? "https://nvd.nist.gov/vuln/detail/" + id
                : f.advisory().references().get(0));
        m.put("feed", "vulnerabilities");
        m.put("feed_group", f.namespace());
        List<Object> nvd = new ArrayList<>();
        for (Cvss c : f.cvss()) {
            Map<String, Object> score = new LinkedHashMap<>();
            score.put("base_score", c.score());
            score.put("vector_string", c.vector());
            score.put("version", c.version());
            nvd.add(Map.of("id", id, "source", c.source(), c.version().startsWith("2") ? "cvss_v2" : "cvss_v3", score));
        }
        m.put("nvd_data", nvd);
        m.put("vendor_data", List.of());
        return m;
    }

    /** A package as the query tables keep it. */
    static QueryIndex.PackageRow packageRow(Package p) {
        return new QueryIndex.PackageRow(p.name(), p.version(), anchoreType(p.type()));
    }

    /** A finding as the query tables keep it: the same fields {@link #vulnerability} shows. */
    static QueryIndex.FindingRow findingRow(Finding f) {
        return new QueryIndex.FindingRow(f.advisory().id(), f.namespace(), f.pkg().name(), f.pkg().version(),
                anchoreType(f.pkg().type()), capitalised(f.severity().name()),
                f.status() == AffectedStatus.WILL_NOT_FIX, f.nearestFix().orElse(null));
    }

    static String anchoreType(String purlType) {
        return switch (purlType) {
            case "deb" -> "dpkg";
            case "apk" -> "APKG";
            case "maven" -> "java";
            case "pypi" -> "python";
            case "golang" -> "go";
            default -> purlType;
        };
    }

    private static String capitalised(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(l.charAt(0)) + l.substring(1);
    }

    /**
     * Anchore's check result: {@code [{digest: {tag: [{detail: {result: {final_action, result: {imageId: {result:
     * {header, rows}}}}, policy}, policyId, status, last_evaluation}]}}]}.
     */
    static List<Object> check(ImageRecord r, String tag, String policyId, Evaluation e, Instant now) {
        String imageId = r.configDigest().map(c -> c.substring(c.indexOf(':') + 1)).orElse(r.digest().orElse(""));
        List<Object> rows = new ArrayList<>();
        for (EvaluatedHit h : e.hits()) {
            Object whitelisted = h.allowlistedBy().<Object>map(a -> Map.of("whitelist_id", a.id(),
                    "whitelist_name", a.id(), "matched_rule_id", a.id(), "gate", a.gate(),
                    "trigger_id", a.triggerId())).orElse(false);
            rows.add(java.util.Arrays.asList(imageId, tag, h.triggerId(), h.gate(), h.trigger(), h.message(),
                    h.action().name().toLowerCase(Locale.ROOT), whitelisted, h.policyId()));
        }
        String action = e.finalAction().name().toLowerCase(Locale.ROOT);
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("final_action", action);
        table.put("header", CHECK_HEADER);
        table.put("row_count", rows.size());
        table.put("rows", rows);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("final_action", action);
        result.put("final_action_reason", e.reason());
        // anchore-cli's evaluate check --detail finds the table under result.result by this
        result.put("image_id", imageId);
        result.put("result", Map.of(imageId, Map.of("result", table)));
        result.put("notes", e.notes());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("result", result);
        detail.put("policy", Map.of("id", policyId));
        Map<String, Object> eval = new LinkedHashMap<>();
        eval.put("detail", detail);
        eval.put("policyId", policyId);
        eval.put("status", e.finalAction() == io.plimsoll.policy.Action.STOP ? "fail" : "pass");
        eval.put("last_evaluation", now.toString());
        eval.put("evaluation_problems", List.of());
        return List.of(Map.of(r.digest().orElse(""), Map.of(tag, List.of(eval))));
    }

    static Map<String, Object> policy(StoredPolicy p) {
        return policy(p, true);
    }

    static Map<String, Object> policy(StoredPolicy p, boolean withBundle) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policyId", p.policyId());
        m.put("name", p.name());
        m.put("active", p.active());
        m.put("policy_source", "local");
        m.put("created_at", p.createdAt().toString());
        m.put("last_updated", p.lastUpdated().toString());
        if (!withBundle) {
            return m;
        }
        try {
            JsonNode bundle = JSON.readTree(p.bundle());
            m.put("policybundle", bundle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
