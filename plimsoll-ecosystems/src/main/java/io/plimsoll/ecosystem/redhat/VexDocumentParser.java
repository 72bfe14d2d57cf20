package io.plimsoll.ecosystem.redhat;

import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.feed.FeedFiles;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one Red Hat CSAF VEX document (one CVE) into an advisory and {@code rhel:<major>} affected-package rows.
 *
 * <p>A VEX document lists products ({@code product_tree.branches}: RHEL streams identified by CPE, rpm components
 * identified by purl) and joins them with {@code relationships}: "component X is part of product Y" gets its own
 * product id, and {@code vulnerabilities[].product_status} says per such id whether it is {@code fixed} (the purl's
 * version is the first fixed build), {@code known_affected} (then a remediation says "Will not fix", "Fix deferred"
 * or just "Affected"), {@code known_not_affected} or {@code under_investigation}.
 */
final class VexDocumentParser {

    /** Errata ids in vendor_fix remediation URLs: {@code https://access.redhat.com/errata/RHSA-2023:1006}. */
    private static final Pattern ERRATUM = Pattern.compile("RH[SBE]A-\\d{4}:\\d+");
    private static final String CVSS_SOURCE = "secalert@redhat.com";

    private VexDocumentParser() {
    }

    /** Parses {@code root}; {@code name} (the file or archive entry) is used in messages. */
    static VexRecord parse(String source, String name, JsonNode root) throws FeedException {
        JsonNode document = root.path("document");
        if (!document.isObject()) {
            throw new FeedException(source, name, "not a CSAF document: no \"document\" object");
        }
        JsonNode tracking = document.path("tracking");
        String id = FeedFiles.text(tracking, "id");
        if (id == null || id.isBlank()) {
            throw new FeedException(source, name, "not a CSAF VEX document: document.tracking.id is missing");
        }
        id = id.strip();
        if ("deleted".equals(FeedFiles.text(tracking, "status"))) {
            return VexRecord.deleted(id);
        }
        if (FeedFiles.text(document, "category") == null) {
            throw new FeedException(source, name, "not a CSAF VEX document: document.category is missing");
        }
        Map<String, Product> products = new HashMap<>();
        collectProducts(root.path("product_tree").path("branches"), products, 0);
        for (JsonNode full : root.path("product_tree").path("full_product_names")) {
            addProduct(full, products);
        }
        Map<String, String[]> relationships = new HashMap<>();
        for (JsonNode rel : root.path("product_tree").path("relationships")) {
            String pid = FeedFiles.text(rel.path("full_product_name"), "product_id");
            String component = FeedFiles.text(rel, "product_reference");
            String product = FeedFiles.text(rel, "relates_to_product_reference");
            if (pid != null && component != null && product != null) {
                relationships.put(pid, new String[] {component, product});
            }
        }
        return new Builder(source, id, products, relationships).build(document, root.path("vulnerabilities"));
    }

    /** A product tree leaf: a RHEL stream (with a CPE) or a component (with a purl, or only a name). */
    private record Product(String name, String cpe, String purl) {
    }

    private static void collectProducts(JsonNode branches, Map<String, Product> out, int depth) {
        if (depth > 64) {
            return; // real trees are 3-4 levels deep; a pathological one gets its top levels read only
        }
        for (JsonNode branch : branches) {
            addProduct(branch.path("product"), out);
            collectProducts(branch.path("branches"), out, depth + 1);
        }
    }

    private static void addProduct(JsonNode product, Map<String, Product> out) {
        String pid = FeedFiles.text(product, "product_id");
        if (pid != null) {
            JsonNode helper = product.path("product_identification_helper");
            out.put(pid, new Product(FeedFiles.text(product, "name"), FeedFiles.text(helper, "cpe"),
                    FeedFiles.text(helper, "purl")));
        }
    }

    /** Per-document state while the vulnerabilities are read. */
    private static final class Builder {
        private final String source;
        private final String id;
        private final Map<String, Product> products;
        private final Map<String, String[]> relationships;
        private final Map<String, VexComponent> components = new HashMap<>();
        /** Rows keyed by what makes them distinct, so the per-architecture entries of one build collapse. */
        private final Map<String, AffectedPackage> rows = new LinkedHashMap<>();
        private final Set<String> aliases = new LinkedHashSet<>();
        private int skipped;
        private String firstSkipReason;

        Builder(String source, String id, Map<String, Product> products, Map<String, String[]> relationships) {
            this.source = source;
            this.id = id;
            this.products = products;
            this.relationships = relationships;
        }

        VexRecord build(JsonNode document, JsonNode vulnerabilities) {
            String title = null;
            String description = null;
            Optional<Instant> published = Optional.empty();
            Set<String> references = new LinkedHashSet<>();
            for (JsonNode ref : document.path("references")) {
                if ("self".equals(FeedFiles.text(ref, "category")) && FeedFiles.text(ref, "url") != null) {
                    references.add(FeedFiles.text(ref, "url"));
                }
            }
            Map<String, Cvss> cvss = new LinkedHashMap<>();
            for (JsonNode v : vulnerabilities) {
                String cve = FeedFiles.text(v, "cve");
                if (cve != null) {
                    aliases.add(cve.strip());
                }
                if (title == null) {
                    title = FeedFiles.text(v, "title");
                }
                if (description == null) {
                    description = note(v, "description");
                }
                if (published.isEmpty()) {
                    published = instant(FeedFiles.text(v, "release_date"));
                }
                for (JsonNode ref : v.path("references")) {
                    String url = FeedFiles.text(ref, "url");
                    if (url != null) {
                        references.add(url);
                    }
                }
                for (JsonNode score : v.path("scores")) {
                    cvss(score.path("cvss_v3"), cvss);
                    cvss(score.path("cvss_v4"), cvss);
                    cvss(score.path("cvss_v2"), cvss);
                }
                readStatuses(v);
            }
            if (title == null) {
                title = FeedFiles.text(document, "title");
            }
            if (published.isEmpty()) {
                published = instant(FeedFiles.text(document.path("tracking"), "initial_release_date"));
            }
            String aggregate = FeedFiles.text(document.path("aggregate_severity"), "text");
            Advisory advisory = new Advisory(id, source, new ArrayList<>(aliases), title, description, published,
                    instant(FeedFiles.text(document.path("tracking"), "current_release_date")),
                    new ArrayList<>(references), aggregate, Severity.parse(aggregate), new ArrayList<>(cvss.values()));
            return new VexRecord(id, false, advisory, fixedWins(), skipped, firstSkipReason);
        }

        private void readStatuses(JsonNode v) {
            Map<String, String> impact = new HashMap<>();
            for (JsonNode threat : v.path("threats")) {
                if ("impact".equals(FeedFiles.text(threat, "category")) && FeedFiles.text(threat, "details") != null) {
                    for (JsonNode pid : threat.path("product_ids")) {
                        impact.putIfAbsent(pid.asText(), FeedFiles.text(threat, "details"));
                    }
                }
            }
            Map<String, AffectedStatus> unfixed = new HashMap<>();
            for (JsonNode rem : v.path("remediations")) {
                String category = FeedFiles.text(rem, "category");
                String details = FeedFiles.text(rem, "details");
                if ("vendor_fix".equals(category)) {
                    erratum(FeedFiles.text(rem, "url"));
                    continue;
                }
                AffectedStatus status = unfixedStatus(category, details);
                if (status == null) {
                    continue; // workaround, mitigation: say nothing about whether a fix exists
                }
                for (JsonNode pid : rem.path("product_ids")) {
                    unfixed.merge(pid.asText(), status, (a, b) -> a == AffectedStatus.AFFECTED ? b : a);
                }
            }
            JsonNode status = v.path("product_status");
            for (JsonNode pid : status.path("fixed")) {
                row(pid.asText(), AffectedStatus.FIXED, impact);
            }
            for (JsonNode pid : status.path("known_affected")) {
                row(pid.asText(), unfixed.getOrDefault(pid.asText(), AffectedStatus.AFFECTED), impact);
            }
            for (JsonNode pid : status.path("under_investigation")) {
                row(pid.asText(), AffectedStatus.UNDER_INVESTIGATION, impact);
            }
            for (JsonNode pid : status.path("known_not_affected")) {
                row(pid.asText(), AffectedStatus.NOT_AFFECTED, impact);
            }
        }

        /**
         * Red Hat's words for a known-affected component: "Will not fix" and "Out of support scope" under
         * {@code no_fix_planned}; "Affected" and "Fix deferred" under {@code none_available}.
         */
        private static AffectedStatus unfixedStatus(String category, String details) {
            String d = details == null ? "" : details.strip().toLowerCase(Locale.ROOT);
            if (d.equals("fix deferred")) {
                return AffectedStatus.FIX_DEFERRED;
            }
            if ("no_fix_planned".equals(category)) {
                return AffectedStatus.WILL_NOT_FIX;
            }
            if ("none_available".equals(category)) {
                return AffectedStatus.AFFECTED;
            }
            return null;
        }

        private void erratum(String url) {
            if (url != null) {
                Matcher m = ERRATUM.matcher(url);
                while (m.find()) {
                    aliases.add(m.group());
                }
            }
        }

        private void row(String pid, AffectedStatus status, Map<String, String> impact) {
            String[] rel = relationships.get(pid);
            if (rel == null) {
                return; // a product-level statement ("RHEL 9 is not affected") names no package
            }
            Product product = products.get(rel[1]);
            Optional<String> namespace = RhelProducts.namespace(product == null ? null : product.cpe());
            if (namespace.isEmpty()) {
                return;
            }
            VexComponent component;
            try {
                component = component(rel[0]);
            } catch (VexComponent.Unusable e) {
                skip(pid + ": " + e.getMessage());
                return;
            }
            if (component == null) {
                return;
            }
            List<VersionRange> ranges;
            String fixed = "";
            if (status == AffectedStatus.FIXED) {
                if (component.evr() == null) {
                    skip(pid + ": fixed component without a version");
                    return;
                }
                fixed = ModuleStreams.withoutContext(component.evr());
                ranges = List.of(VersionRange.fixedIn(fixed));
            } else {
                ranges = List.of(VersionRange.all());
            }
            String key = namespace.get() + "\u0000" + component.name() + "\u0000" + component.module().orElse("")
                    + "\u0000" + status + "\u0000" + fixed;
            rows.putIfAbsent(key, new AffectedPackage(id, source, namespace.get(), component.name(),
                    RpmVersionScheme.NAME, status, ranges, List.of(), component.module(), impact.getOrDefault(pid, "")));
        }

        /** Components repeat across products and statuses; each is read once. Null: not rpm content. */
        private VexComponent component(String ref) throws VexComponent.Unusable {
            if (components.containsKey(ref)) {
                return components.get(ref);
            }
            Product p = products.get(ref);
            if (p == null) {
                throw new VexComponent.Unusable("component " + ref + " is not in the product tree");
            }
            VexComponent c = VexComponent.of(p.name(), p.purl()).orElse(null);
            components.put(ref, c);
            return c;
        }

        private void skip(String reason) {
            if (skipped++ == 0) {
                firstSkipReason = reason;
            }
        }

        /**
         * A package fixed in a RHEL stream is fixed there, even when another product statement mapped onto the same
         * namespace (an older product id for the same release) still calls it affected: the unfixed row would
         * otherwise report every version, including the fixed one.
         */
        private List<AffectedPackage> fixedWins() {
            Set<String> fixed = new java.util.HashSet<>();
            for (AffectedPackage a : rows.values()) {
                if (a.status() == AffectedStatus.FIXED) {
                    fixed.add(a.namespace() + "\u0000" + a.name() + "\u0000" + a.module().orElse(""));
                }
            }
            List<AffectedPackage> out = new ArrayList<>(rows.size());
            for (AffectedPackage a : rows.values()) {
                if (a.status() == AffectedStatus.FIXED
                        || !fixed.contains(a.namespace() + "\u0000" + a.name() + "\u0000" + a.module().orElse(""))) {
                    out.add(a);
                }
            }
            return out;
        }
    }

    private static String note(JsonNode vulnerability, String category) {
        for (JsonNode n : vulnerability.path("notes")) {
            if (category.equals(FeedFiles.text(n, "category"))) {
                return FeedFiles.text(n, "text");
            }
        }
        return null;
    }

    private static void cvss(JsonNode node, Map<String, Cvss> out) {
        String vector = FeedFiles.text(node, "vectorString");
        if (vector == null || vector.isBlank()) {
            return;
        }
        JsonNode score = node.get("baseScore");
        String version = FeedFiles.text(node, "version");
        out.putIfAbsent(vector, new Cvss(version != null ? version : Cvss.versionOf(vector), vector,
                score != null && score.isNumber() ? score.asDouble() : Double.NaN, CVSS_SOURCE));
    }

    private static Optional<Instant> instant(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty(); // a date is informational; an odd one is not worth failing the document
        }
    }
}
