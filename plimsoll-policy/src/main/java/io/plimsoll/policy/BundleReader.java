package io.plimsoll.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.plimsoll.policy.DocumentParser.AllowlistDoc;
import io.plimsoll.policy.DocumentParser.BundleDoc;
import io.plimsoll.policy.DocumentParser.ClairDoc;
import io.plimsoll.policy.DocumentParser.Document;
import io.plimsoll.policy.DocumentParser.PolicyDoc;
import io.plimsoll.policy.eval.SkippedRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads policy files into a {@link PolicyBundle}. Accepted, by content (not by name):
 * <ul>
 *   <li>an Anchore bundle (version {@code 1_0} JSON): {@code id, name, version, comment, policies[],
 *       whitelists[], mappings[]} (each mapping with {@code policy_id} or {@code policy_ids}, plus
 *       {@code whitelist_ids}), {@code whitelisted_images[]}, {@code blacklisted_images[]};</li>
 *   <li>a bare Anchore policy {@code {id, name, version, rules}}: becomes a bundle with that policy and one mapping
 *       for every image;</li>
 *   <li>a bare Anchore whitelist {@code {id, name, version, items}}: applies to every image;</li>
 *   <li>a clair-scanner whitelist YAML ({@code generalwhitelist}, {@code images}), see {@link ClairWhitelist};</li>
 *   <li>Plimsoll's native YAML: the bundle's fields in a readable form, for example
 * <pre>
 * id: web-images
 * policies:
 *   - id: base
 *     rules:                       # id optional: defaults to base-1, base-2, …
 *       - {gate: dockerfile, trigger: effective_user, action: STOP, params: {users: root, type: blacklist}}
 *       - {gate: dockerfile, trigger: exposed_ports, action: WARN, params: {ports: [22, 23], type: blacklist}}
 * allowlists:                      # or whitelists
 *   - id: accepted
 *     items:
 *       - {gate: vulnerabilities, trigger_id: "CVE-2021-44228+*", expires_on: "2030-01-31T00:00:00Z"}
 * mappings:                        # first match wins; registry/repository/image default to "*"
 *   - {name: web, repository: "acme/web*", policies: [base], allowlists: [accepted]}
 * trusted_images: [docker.io/acme/base@sha256:…]   # or whitelisted_images, in Anchore's object form too
 * denied_images: [docker.io/library/ubuntu:14.04]  # or blacklisted_images
 * </pre>
 *       Parameters may be a {@code name: value} mapping (lists are joined with commas) or Anchore's list; a
 *       mapping's {@code image} may be a tag pattern or Anchore's {@code {type, value}}.</li>
 * </ul>
 * Several files combine: at most one bundle, any number of policies and allowlists. A bundle whose policies or
 * whitelists are given by id only (a skeleton, as anchore/modular-policy templates are) takes their bodies from the
 * other files with those ids; policies without a bundle share one catch-all mapping; allowlists the bundle does not
 * name apply to every image.
 *
 * <p>Parameter values may be numbers or booleans in real bundles: they are stringified. Errors name the file and
 * the path inside it ({@code policies[0].rules[3]}). In strict mode a broken rule or a body given by id only is an
 * error; in lenient mode it is a warning and the rule is skipped.
 */
public final class BundleReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One input: a name for messages and the bytes (a file, or a resource such as a built-in pack). */
    public record Source(String name, byte[] content) {
        public static Source of(Path file) throws PolicyException {
            try {
                return new Source(file.toString(), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new PolicyException(file.toString(), "cannot read: " + e.getMessage());
            }
        }
    }

    private final boolean lenient;

    public BundleReader(boolean lenient) {
        this.lenient = lenient;
    }

    public static BundleReader strict() {
        return new BundleReader(false);
    }

    public static BundleReader lenient() {
        return new BundleReader(true);
    }

    public LoadedBundle read(Path... files) throws PolicyException {
        return read(List.of(files));
    }

    public LoadedBundle read(List<Path> files) throws PolicyException {
        List<Source> sources = new ArrayList<>();
        for (Path f : files) {
            sources.add(Source.of(f));
        }
        return readSources(sources);
    }

    /** Allowlist files alone ({@code --allowlist FILE}): Anchore whitelists or clair-scanner YAML. */
    public List<AllowlistSource> readAllowlists(List<Path> files) throws PolicyException {
        List<String> warnings = new ArrayList<>();
        DocumentParser parser = new DocumentParser(lenient, warnings, new ArrayList<>());
        List<AllowlistSource> out = new ArrayList<>();
        for (Path f : files) {
            Source s = Source.of(f);
            Document d = parser.parse(Node.root(s.name(), tree(s)));
            if (d instanceof AllowlistDoc a) {
                out.add(AllowlistSource.fixed(a.file(), a.allowlist()));
            } else if (d instanceof ClairDoc c) {
                out.add(c.whitelist());
            } else {
                throw new PolicyException(s.name(), "expected a whitelist (items) or a clair-scanner whitelist"
                        + " (generalwhitelist/images), found a " + (d instanceof BundleDoc ? "bundle" : "policy"));
            }
        }
        return out;
    }

    public LoadedBundle readSources(List<Source> sources) throws PolicyException {
        if (sources.isEmpty()) {
            throw new PolicyException("policy", "no policy file given");
        }
        List<String> warnings = new ArrayList<>();
        List<SkippedRule> skipped = new ArrayList<>();
        DocumentParser parser = new DocumentParser(lenient, warnings, skipped);
        BundleDoc bundleDoc = null;
        Map<String, PolicyDoc> policies = new LinkedHashMap<>();
        Map<String, AllowlistDoc> allowlists = new LinkedHashMap<>();
        List<AllowlistSource> clair = new ArrayList<>();
        for (Source s : sources) {
            Document d = parser.parse(Node.root(s.name(), tree(s)));
            if (d instanceof BundleDoc b) {
                if (bundleDoc != null) {
                    throw new PolicyException(s.name(), "a second bundle (the first is " + bundleDoc.file()
                            + "); give one bundle and any number of policy and whitelist files");
                }
                bundleDoc = b;
            } else if (d instanceof PolicyDoc p) {
                PolicyDoc before = policies.putIfAbsent(p.policy().id(), p);
                if (before != null) {
                    throw new PolicyException(s.name(), "policy id '" + p.policy().id() + "' is also in "
                            + before.file());
                }
            } else if (d instanceof AllowlistDoc a) {
                AllowlistDoc before = allowlists.putIfAbsent(a.allowlist().id(), a);
                if (before != null) {
                    throw new PolicyException(s.name(), "whitelist id '" + a.allowlist().id() + "' is also in "
                            + before.file());
                }
            } else {
                clair.add(((ClairDoc) d).whitelist());
            }
        }
        PolicyBundle bundle = bundleDoc == null
                ? synthesise(policies, sources)
                : complete(bundleDoc, policies, allowlists, warnings);
        List<AllowlistSource> extra = new ArrayList<>();
        allowlists.values().forEach(a -> extra.add(AllowlistSource.fixed(a.file(), a.allowlist())));
        extra.addAll(clair);
        return new LoadedBundle(bundle, extra, skipped, warnings);
    }

    /** Policies without a bundle: all of them, in file order, for every image. */
    private static PolicyBundle synthesise(Map<String, PolicyDoc> policies, List<Source> sources)
            throws PolicyException {
        if (policies.isEmpty()) {
            throw new PolicyException(sources.get(0).name(), "no policy: give a bundle or a policy (rules) file;"
                    + " whitelists alone only allowlist");
        }
        List<Policy> list = policies.values().stream().map(PolicyDoc::policy).toList();
        List<String> ids = list.stream().map(Policy::id).toList();
        String id = ids.size() == 1 ? ids.get(0) : String.join("+", ids);
        Mapping all = new Mapping("default", "every image", ImageSelector.ANY, ids, List.of());
        return new PolicyBundle(id, list.size() == 1 ? list.get(0).name() : id, "1_0",
                "Built from " + String.join(", ", sources.stream().map(Source::name).toList()), list, List.of(),
                List.of(all), List.of(), List.of());
    }

    /** Fills a bundle's id-only entries from the other files; what it does not name stays separate. */
    private PolicyBundle complete(BundleDoc doc, Map<String, PolicyDoc> policies,
                                  Map<String, AllowlistDoc> allowlists, List<String> warnings)
            throws PolicyException {
        PolicyBundle b = doc.bundle();
        List<Policy> bodies = new ArrayList<>(b.policies());
        for (String ref : doc.policyRefs()) {
            PolicyDoc p = policies.remove(ref);
            if (p != null) {
                bodies.add(p.policy());
            } else {
                missing(doc, "policy", ref, warnings);
            }
        }
        for (PolicyDoc p : policies.values()) {
            if (b.policy(p.policy().id()).isPresent()) {
                throw new PolicyException(p.file(), "policy id '" + p.policy().id() + "' is already in bundle "
                        + doc.file());
            }
            bodies.add(p.policy());
            boolean mapped = b.mappings().stream().anyMatch(m -> m.policyIds().contains(p.policy().id()));
            if (!mapped) {
                warnings.add(p.file() + ": policy '" + p.policy().id() + "' is not named by any mapping of bundle "
                        + doc.file() + "; it is not evaluated");
            }
        }
        List<Allowlist> lists = new ArrayList<>(b.allowlists());
        for (String ref : doc.allowlistRefs()) {
            AllowlistDoc a = allowlists.remove(ref);
            if (a != null) {
                lists.add(a.allowlist());
            } else {
                missing(doc, "whitelist", ref, warnings);
            }
        }
        return new PolicyBundle(b.id(), b.name(), b.version(), b.comment(), bodies, lists, b.mappings(),
                b.trustedImages(), b.deniedImages());
    }

    private void missing(BundleDoc doc, String what, String id, List<String> warnings) throws PolicyException {
        String reason = "bundle '" + doc.bundle().id() + "' gives " + what + " '" + id + "' by id only, without its "
                + (what.equals("policy") ? "rules" : "items") + "; give its file too (a " + what + " JSON with id '"
                + id + "')";
        if (!lenient) {
            throw new PolicyException(doc.file(), reason);
        }
        warnings.add(doc.file() + ": " + reason + "; mappings naming it " + (what.equals("policy")
                ? "evaluate nothing for it" : "use no items from it"));
    }

    private static JsonNode tree(Source s) throws PolicyException {
        String lower = s.name().toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml")
                || (!lower.endsWith(".json") && !looksLikeJson(s.content()));
        try {
            JsonNode n = (yaml ? YAML : JSON).readTree(s.content());
            if (n == null || n.isMissingNode()) {
                throw new PolicyException(s.name(), "the file is empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new PolicyException(s.name(), "not valid " + (yaml ? "YAML" : "JSON") + where + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PolicyException(s.name(), "cannot read: " + e.getMessage());
        }
    }

    private static boolean looksLikeJson(byte[] content) {
        for (byte b : content) {
            if (!Character.isWhitespace(b)) {
                return b == '{' || b == '[';
            }
        }
        return false;
    }

}
