package io.plimsoll.policy;

import io.plimsoll.policy.eval.SkippedRule;
import io.plimsoll.policy.gate.ImageName;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one parsed document (Anchore JSON, Plimsoll YAML or clair-scanner YAML) into the model. Structural problems
 * are {@link PolicyException}s naming the file and path; a broken rule is one too, except in lenient mode where it
 * is recorded as skipped. Field spellings of Anchore 1_0 ({@code whitelists}, {@code policy_ids}), Anchore 2
 * ({@code rule_sets}, {@code allowlist_ids}) and the native YAML ({@code allowlists}, {@code trusted_images}) are
 * all accepted.
 */
final class DocumentParser {

    /** What a file held. */
    sealed interface Document permits BundleDoc, PolicyDoc, AllowlistDoc, ClairDoc {
        String file();
    }

    /** A bundle; {@code policyRefs}/{@code allowlistRefs} are entries given by id only (no body). */
    record BundleDoc(String file, PolicyBundle bundle, List<String> policyRefs, List<String> allowlistRefs)
            implements Document {
    }

    record PolicyDoc(String file, Policy policy) implements Document {
    }

    record AllowlistDoc(String file, Allowlist allowlist) implements Document {
    }

    record ClairDoc(String file, ClairWhitelist whitelist) implements Document {
    }

    private static final Set<String> VERSIONS = Set.of("1_0", "2");
    private static final List<String> BUNDLE_KEYS = List.of("mappings", "policies", "rule_sets", "whitelists",
            "allowlists", "whitelisted_images", "blacklisted_images", "allowlisted_images", "denylisted_images",
            "trusted_images", "denied_images");
    private static final Set<String> BUNDLE_FIELDS = fields(BUNDLE_KEYS, "id", "name", "version", "comment",
            "description", "last_updated", "created_at");
    private static final Set<String> POLICY_FIELDS = fields(List.of("id", "name", "version", "comment", "rules",
            "description", "last_updated", "created_at"));
    private static final Set<String> RULE_FIELDS = fields(List.of("id", "gate", "trigger", "action", "params",
            "comment", "recommendation"));
    private static final Set<String> ALLOWLIST_FIELDS = fields(List.of("id", "name", "version", "comment", "items",
            "description", "last_updated", "created_at"));
    private static final Set<String> ITEM_FIELDS = fields(List.of("id", "gate", "trigger_id", "expires_on",
            "comment"));
    private static final Set<String> MAPPING_FIELDS = fields(List.of("id", "name", "registry", "repository", "image",
            "policy_id", "policy_ids", "rule_set_ids", "policies", "whitelist_ids", "allowlist_ids", "allowlists",
            "whitelists"));
    private static final Set<String> IMAGE_RULE_FIELDS = fields(List.of("id", "name", "registry", "repository",
            "image"));

    private final boolean lenient;
    private final List<String> warnings;
    private final List<SkippedRule> skipped;

    DocumentParser(boolean lenient, List<String> warnings, List<SkippedRule> skipped) {
        this.lenient = lenient;
        this.warnings = warnings;
        this.skipped = skipped;
    }

    Document parse(Node root) throws PolicyException {
        if (!root.present() || !root.json().isObject()) {
            throw root.error("expected an Anchore bundle, policy or whitelist object, or a clair-scanner whitelist,"
                    + " found " + root.kind());
        }
        Set<String> keys = new LinkedHashSet<>();
        root.fieldNames().forEach(k -> keys.add(k.toLowerCase(Locale.ROOT)));
        if (keys.contains("generalwhitelist") || (keys.contains("images") && !keys.contains("rules")
                && !keys.contains("items") && BUNDLE_KEYS.stream().noneMatch(keys::contains))) {
            return new ClairDoc(root.file(), clair(root));
        }
        if (BUNDLE_KEYS.stream().anyMatch(root::has)) {
            return bundle(root);
        }
        if (root.has("rules")) {
            return new PolicyDoc(root.file(), policy(root));
        }
        if (root.has("items")) {
            return new AllowlistDoc(root.file(), allowlist(root));
        }
        throw root.error("not a policy bundle (no mappings/policies), a policy (no rules), a whitelist (no items)"
                + " or a clair-scanner whitelist (no generalwhitelist/images); fields found: " + root.fieldNames());
    }

    // ---- bundle

    private BundleDoc bundle(Node n) throws PolicyException {
        unknownFields(n, BUNDLE_FIELDS);
        version(n);
        String id = Optional.ofNullable(n.optional("id")).orElse(stem(n.file()));
        List<Policy> policies = new ArrayList<>();
        List<String> policyRefs = new ArrayList<>();
        for (Node p : n.field("policies", "rule_sets").elements()) {
            if (!p.has("rules")) {
                policyRefs.add(p.required("id"));
            } else {
                addUnique(policies, policy(p), Policy::id, p, "policy");
            }
        }
        List<Allowlist> allowlists = new ArrayList<>();
        List<String> allowlistRefs = new ArrayList<>();
        for (Node a : n.field("whitelists", "allowlists").elements()) {
            if (!a.has("items")) {
                allowlistRefs.add(a.required("id"));
            } else {
                addUnique(allowlists, allowlist(a), Allowlist::id, a, "whitelist");
            }
        }
        List<Mapping> mappings = new ArrayList<>();
        List<Node> mappingNodes = n.field("mappings").elements();
        for (int i = 0; i < mappingNodes.size(); i++) {
            mappings.add(mapping(mappingNodes.get(i), i));
        }
        if (mappings.isEmpty() && (!policies.isEmpty() || !policyRefs.isEmpty())) {
            // Anchore evaluates nothing for an unmapped image; say so rather than pass every image silently
            warnings.add(n.where() + ": the bundle has policies but no mappings, so no image is evaluated;"
                    + " add a mapping such as {registry: \"*\", repository: \"*\", policy_ids: [...]}");
        }
        List<ImageRule> trusted = imageRules(n.field("whitelisted_images", "allowlisted_images", "trusted_images"),
                "trusted");
        List<ImageRule> denied = imageRules(n.field("blacklisted_images", "denylisted_images", "denied_images"),
                "denied");
        PolicyBundle bundle = new PolicyBundle(id, n.optional("name"), n.optional("version"),
                n.optional("comment", "description"), policies, allowlists, mappings, trusted, denied);
        return new BundleDoc(n.file(), bundle, policyRefs, allowlistRefs);
    }

    private <T> void addUnique(List<T> list, T item, java.util.function.Function<T, String> id, Node at,
                               String what) throws PolicyException {
        String key = id.apply(item);
        if (list.stream().anyMatch(x -> id.apply(x).equals(key))) {
            problem(at, "a second " + what + " with id '" + key + "'; ids must be unique in a bundle"
                    + (lenient ? " (the first is kept)" : ""));
            return;
        }
        list.add(item);
    }

    // ---- policy and rules

    Policy policy(Node n) throws PolicyException {
        unknownFields(n, POLICY_FIELDS);
        version(n);
        String id = n.required("id");
        List<Rule> rules = new ArrayList<>();
        List<Node> ruleNodes = n.field("rules").elements();
        for (int i = 0; i < ruleNodes.size(); i++) {
            Node r = ruleNodes.get(i);
            try {
                rules.add(rule(r, id, i));
            } catch (PolicyException e) {
                if (!lenient) {
                    throw e;
                }
                String ruleId = r.has("id") ? r.child("id").json().asText() : id + "-" + (i + 1);
                skipped.add(new SkippedRule(id, ruleId, textOrNull(r.child("gate")), textOrNull(r.child("trigger")),
                        e.getMessage()));
                warnings.add(e.getMessage() + " (rule skipped)");
            }
        }
        return new Policy(id, n.optional("name"), n.optional("version"), n.optional("comment", "description"),
                rules);
    }

    private Rule rule(Node n, String policyId, int index) throws PolicyException {
        if (!n.present() || !n.json().isObject()) {
            throw n.error("a rule must be a mapping with gate, trigger, action and params; found " + n.kind());
        }
        unknownFields(n, RULE_FIELDS);
        String id = Optional.ofNullable(n.optional("id")).orElse(policyId + "-" + (index + 1));
        String gate = n.required("gate");
        String trigger = n.required("trigger");
        String actionText = n.required("action");
        Action action;
        try {
            action = Action.valueOf(actionText.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw n.child("action").error("rule " + id + ": action '" + actionText + "' is not GO, WARN or STOP");
        }
        return new Rule(id, gate, trigger, action, params(n.field("params"), id), n.optional("comment"));
    }

    /** Anchore's {@code [{name, value}]} list, or a YAML mapping {@code {name: value}}. */
    private Map<String, String> params(Node n, String ruleId) throws PolicyException {
        Map<String, String> out = new LinkedHashMap<>();
        if (!n.present()) {
            return out;
        }
        if (n.json().isArray()) {
            for (Node p : n.elements()) {
                if (!p.json().isObject()) {
                    throw p.error("rule " + ruleId + ": a parameter must be {name, value}; found " + p.kind());
                }
                put(out, p, p.required("name"), value(p.child("value")), ruleId);
            }
        } else if (n.json().isObject()) {
            for (Map.Entry<String, Node> e : n.entries()) {
                put(out, e.getValue(), e.getKey(), value(e.getValue()), ruleId);
            }
        } else {
            throw n.error("rule " + ruleId + ": params must be a list of {name, value} or a mapping; found "
                    + n.kind());
        }
        return out;
    }

    private void put(Map<String, String> out, Node at, String name, String value, String ruleId) {
        String key = name.strip();
        if (out.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key))) {
            warnings.add(at.where() + ": rule " + ruleId + " gives parameter '" + key
                    + "' twice; the last value is used");
            out.keySet().removeIf(k -> k.equalsIgnoreCase(key));
        }
        out.put(key, value);
    }

    /** Strings as they are; numbers and booleans stringified; a list of scalars joined with commas. */
    private static String value(Node v) throws PolicyException {
        if (!v.present()) {
            return "";
        }
        if (v.json().isValueNode()) {
            return v.json().asText();
        }
        if (v.json().isArray()) {
            List<String> parts = new ArrayList<>();
            for (Node e : v.elements()) {
                parts.add(e.text().orElse(""));
            }
            return String.join(",", parts);
        }
        throw v.error("a parameter value must be text, a number, a boolean or a list of them; found " + v.kind());
    }

    // ---- allowlists

    Allowlist allowlist(Node n) throws PolicyException {
        unknownFields(n, ALLOWLIST_FIELDS);
        version(n);
        String id = n.required("id");
        List<AllowlistItem> items = new ArrayList<>();
        List<Node> itemNodes = n.field("items").elements();
        for (int i = 0; i < itemNodes.size(); i++) {
            items.add(item(itemNodes.get(i), id, i));
        }
        return new Allowlist(id, n.optional("name"), n.optional("version"), n.optional("comment", "description"),
                items);
    }

    private AllowlistItem item(Node n, String allowlistId, int index) throws PolicyException {
        if (!n.json().isObject()) {
            throw n.error("a whitelist item must be {id, gate, trigger_id}; found " + n.kind());
        }
        unknownFields(n, ITEM_FIELDS);
        String triggerId = n.required("trigger_id");
        try {
            Wildcard.of(triggerId);
        } catch (IllegalArgumentException e) {
            throw n.child("trigger_id").error(e.getMessage());
        }
        Optional<Instant> expires = Optional.empty();
        Optional<String> expiresText = n.child("expires_on").text().map(String::strip).filter(s -> !s.isEmpty());
        if (expiresText.isPresent()) {
            expires = Optional.of(rfc3339(n.child("expires_on"), expiresText.get()));
        }
        return new AllowlistItem(Optional.ofNullable(n.optional("id")).orElse(allowlistId + "-" + (index + 1)),
                n.required("gate"), triggerId, expires, n.optional("comment"));
    }

    /** RFC 3339: {@code 2030-01-31T00:00:00Z}, an offset, optional fraction; a space or lower-case t/z allowed. */
    static Instant rfc3339(Node at, String text) throws PolicyException {
        String t = text.strip();
        if (t.length() > 10 && (t.charAt(10) == ' ' || t.charAt(10) == 't')) {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        if (t.endsWith("z")) {
            t = t.substring(0, t.length() - 1) + 'Z';
        }
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw at.error("'" + text + "' is not an RFC 3339 timestamp with a time zone, e.g. 2030-01-31T00:00:00Z");
        }
    }

    // ---- mappings and trusted/denied images

    private Mapping mapping(Node n, int index) throws PolicyException {
        if (!n.json().isObject()) {
            throw n.error("a mapping must be {registry, repository, image, policy_ids, whitelist_ids}; found "
                    + n.kind());
        }
        unknownFields(n, MAPPING_FIELDS);
        String id = Optional.ofNullable(n.optional("id")).orElse("mapping-" + (index + 1));
        boolean single = n.has("policy_id");
        boolean many = n.has("policy_ids") || n.has("rule_set_ids") || n.has("policies");
        if (single && many) {
            throw n.error("mapping " + id + " gives both policy_id and policy_ids; Anchore rejects that, give one");
        }
        List<String> policyIds = single ? n.ids("policy_id") : n.ids("policy_ids", "rule_set_ids", "policies");
        if (policyIds.isEmpty()) {
            throw n.error("mapping " + id + " names no policy (policy_id or policy_ids)");
        }
        List<String> allowlistIds = n.ids("whitelist_ids", "allowlist_ids", "allowlists", "whitelists");
        return new Mapping(id, n.optional("name"), selector(n), policyIds, allowlistIds);
    }

    private List<ImageRule> imageRules(Node list, String what) throws PolicyException {
        List<ImageRule> out = new ArrayList<>();
        List<Node> nodes = list.elements();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            String defaultId = what + "-" + (i + 1);
            if (n.json().isValueNode()) {
                String ref = n.json().asText().strip();
                out.add(new ImageRule(defaultId, ref, shorthand(n, ref)));
                continue;
            }
            if (!n.json().isObject()) {
                throw n.error("an image entry must be {registry, repository, image} or a reference; found "
                        + n.kind());
            }
            unknownFields(n, IMAGE_RULE_FIELDS);
            out.add(new ImageRule(Optional.ofNullable(n.optional("id")).orElse(defaultId), n.optional("name"),
                    selector(n)));
        }
        return out;
    }

    /** Native YAML shorthand: {@code docker.io/library/nginx:1.27}, {@code repo@sha256:…} or a bare image id. */
    private static ImageSelector shorthand(Node at, String ref) throws PolicyException {
        if (ref.isEmpty()) {
            throw at.error("an empty image reference");
        }
        if (ref.matches("(sha256:)?[0-9a-f]{64}")) {
            return new ImageSelector("*", "*", "id", ref);
        }
        ImageName name = ImageName.parse(ref);
        return name.digest().map(d -> new ImageSelector(name.registry(), name.repository(), "digest", d))
                .orElse(new ImageSelector(name.registry(), name.repository(), "tag", name.tag()));
    }

    private static ImageSelector selector(Node n) throws PolicyException {
        String registry = Optional.ofNullable(n.optional("registry")).orElse("*");
        String repository = Optional.ofNullable(n.optional("repository")).orElse("*");
        Node image = n.child("image");
        String type = "tag";
        String value = "*";
        if (image.present() && image.json().isValueNode()) {
            value = image.json().asText();
        } else if (image.present()) {
            if (!image.json().isObject()) {
                throw image.error("image must be {type, value}; found " + image.kind());
            }
            type = Optional.ofNullable(image.optional("type")).orElse("tag").strip().toLowerCase(Locale.ROOT);
            value = Optional.ofNullable(image.optional("value")).orElse("*");
            if (!Set.of("tag", "digest", "id").contains(type)) {
                throw image.child("type").error("image type '" + type + "' is not tag, digest or id");
            }
        }
        for (String p : List.of(registry, repository, value)) {
            try {
                Wildcard.of(p);
            } catch (IllegalArgumentException e) {
                throw n.error(e.getMessage());
            }
        }
        return new ImageSelector(registry, repository, type, value);
    }

    // ---- clair-scanner

    private ClairWhitelist clair(Node n) throws PolicyException {
        Map<String, String> general = new LinkedHashMap<>();
        Map<String, Map<String, String>> images = new LinkedHashMap<>();
        for (Map.Entry<String, Node> top : n.entries()) {
            String key = top.getKey().toLowerCase(Locale.ROOT);
            if (key.equals("generalwhitelist")) {
                general.putAll(vulnMap(top.getValue()));
            } else if (key.equals("images")) {
                for (Map.Entry<String, Node> image : top.getValue().entries()) {
                    images.put(image.getKey(), vulnMap(image.getValue()));
                }
            } else {
                warnings.add(top.getValue().where() + ": clair-scanner whitelists have only generalwhitelist and"
                        + " images; '" + top.getKey() + "' is ignored");
            }
        }
        return new ClairWhitelist(n.file(), general, images);
    }

    private static Map<String, String> vulnMap(Node n) throws PolicyException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : n.entries()) {
            String id = e.getKey().strip();
            if (id.isEmpty() || id.contains("*")) {
                throw e.getValue().error("'" + e.getKey() + "' is not a vulnerability id");
            }
            out.put(id, e.getValue().present() && e.getValue().json().isValueNode()
                    ? e.getValue().json().asText() : "");
        }
        return out;
    }

    // ---- helpers

    private void version(Node n) throws PolicyException {
        Optional<String> v = n.child("version").text();
        if (v.isPresent() && !VERSIONS.contains(v.get())) {
            problem(n.child("version"), "version '" + v.get() + "' is not Anchore's 1_0 (or 2)");
        }
    }

    private void problem(Node at, String reason) throws PolicyException {
        if (!lenient) {
            throw at.error(reason);
        }
        warnings.add(at.where() + ": " + reason);
    }

    private void unknownFields(Node n, Set<String> known) {
        for (String f : n.fieldNames()) {
            if (!known.contains(f)) {
                warnings.add(n.where() + ": unknown field '" + f + "' is ignored");
            }
        }
    }

    private static String textOrNull(Node n) {
        return n.present() && n.json().isValueNode() ? n.json().asText() : null;
    }

    static String stem(String file) {
        String name = java.nio.file.Path.of(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static Set<String> fields(List<String> a, String... more) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(List.of(more));
        return Set.copyOf(s);
    }
}
