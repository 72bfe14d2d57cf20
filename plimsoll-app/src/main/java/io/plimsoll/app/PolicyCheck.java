package io.plimsoll.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.policy.Action;
import io.plimsoll.policy.BundleReader;
import io.plimsoll.policy.PolicyException;
import io.plimsoll.policy.PolicyPacks;
import io.plimsoll.policy.Rule;
import io.plimsoll.policy.content.ContentRegex;
import io.plimsoll.policy.content.ContentScanConfig;
import io.plimsoll.policy.content.ContentScanner;
import io.plimsoll.policy.eval.BundleValidator;
import io.plimsoll.policy.eval.EvaluatedHit;
import io.plimsoll.policy.eval.Evaluation;
import io.plimsoll.policy.eval.ValidatedBundle;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.policy.gate.dockerfile.DockerfileParser;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The policy gate: loads the policy (files, a built-in pack, or the {@code --fail-on} shortcut) with its allowlists,
 * sets up the content scan it needs before the layer walk, and evaluates the image after matching.
 */
public final class PolicyCheck {

    /**
     * A baseline's accepted hits: {@code gate + trigger id} of every hit in a previous report, and of each of the
     * hit's aliases, so a hit is recognised by any id it had or has (the report may name the GHSA, this run the CVE).
     */
    public record Baseline(Path file, Set<String> hits) {
    }

    /** What the evaluation found, and the hits a baseline report already had. */
    public record Outcome(ValidatedBundle bundle, Evaluation evaluation, Set<String> inBaseline,
                          Action finalAction) {
    }

    private final ValidatedBundle bundle;
    private final ContentScanner scanner;
    private final Optional<ImageContext.Dockerfile> dockerfile;
    private final Optional<Baseline> baseline;

    private PolicyCheck(ValidatedBundle bundle, ContentScanner scanner, Optional<ImageContext.Dockerfile> dockerfile,
                        Optional<Baseline> baseline) {
        this.bundle = bundle;
        this.scanner = scanner;
        this.dockerfile = dockerfile;
        this.baseline = baseline;
    }

    /**
     * Loads and validates what the options name; {@code policies} are files or pack names. Bad input is a
     * {@link ScanException} naming the file and rule.
     */
    public static PolicyCheck load(List<String> policies, List<Path> allowlists, String failOn, boolean lenient,
                            Path dockerfile, List<String> contentRegexes, Path baseline, List<String> allowPaths,
                            String maxFileSize) {
        try {
            List<BundleReader.Source> sources = new ArrayList<>();
            if (failOn != null) {
                if (!policies.isEmpty()) {
                    throw new ScanException("--fail-on is a shortcut for a one-rule policy: use it or --policy, "
                            + "not both (add a vulnerabilities rule to the policy instead)");
                }
                sources.add(failOnBundle(failOn));
            }
            for (String p : policies) {
                Optional<BundleReader.Source> pack = PolicyPacks.source(p);
                if (pack.isPresent()) {
                    sources.add(pack.get());
                } else if (Files.isRegularFile(Path.of(p))) {
                    sources.add(BundleReader.Source.of(Path.of(p)));
                } else {
                    throw new ScanException(p + ": no such policy file or built-in pack (packs: "
                            + String.join(", ", PolicyPacks.NAMES) + ")");
                }
            }
            for (Path a : allowlists) {
                sources.add(BundleReader.Source.of(a));
            }
            BundleReader reader = lenient ? BundleReader.lenient() : BundleReader.strict();
            var loaded = reader.readSources(sources);
            ValidatedBundle validated;
            try {
                validated = new BundleValidator().validate(loaded, lenient);
            } catch (PolicyException e) {
                // the validator knows policies and rules, not files: say which files they came from
                throw new PolicyException(String.join(", ", sources.stream().map(BundleReader.Source::name).toList()),
                        e.getMessage());
            }
            List<ContentRegex> regexes = ContentRegex.fromAnchoreForm(contentRegexes);
            List<String> allowed = new ArrayList<>(ContentScanConfig.DEFAULT_ALLOW_PATHS);
            allowed.addAll(allowPaths);
            long maxBytes;
            try {
                maxBytes = io.plimsoll.image.layer.Bytes.parse(maxFileSize);
            } catch (IllegalArgumentException e) {
                throw new ScanException("--secrets-max-file-size: " + e.getMessage());
            }
            ContentScanConfig config = ContentScanConfig.DEFAULT.withContentRegexes(regexes)
                    .withChecksumPaths(checksumPaths(validated)).withAllowPaths(allowed).withMaxFileSize(maxBytes);
            Optional<ImageContext.Dockerfile> df = dockerfile == null ? Optional.empty()
                    : Optional.of(DockerfileParser.parse(dockerfile));
            return new PolicyCheck(validated, new ContentScanner(config), df,
                    baseline == null ? Optional.empty() : Optional.of(readBaseline(baseline)));
        } catch (PolicyException e) {
            throw new ScanException(e.getMessage());
        }
    }

    /** The content scan to run during the layer walk, alongside the package catalogers. */
    public ContentScanner scanner() {
        return scanner;
    }

    public List<String> warnings() {
        List<String> w = new ArrayList<>(bundle.warnings());
        bundle.skipped().forEach(s -> w.add("skipped rule " + s.policyId() + "/" + s.ruleId() + ": " + s.reason()));
        return w;
    }

    public Outcome evaluate(Inventory inventory, List<Finding> findings, DataFreshness data,
                            Optional<String> imageName) {
        ImageName name = imageName.map(ImageName::parse).orElseGet(() -> nameOf(inventory));
        Evaluation evaluation = new EvaluateService(bundle).evaluate(name, inventory, findings, data,
                scanner.findings(), dockerfile, Instant.now());
        Set<String> inBaseline = new HashSet<>();
        Action action = evaluation.finalAction();
        if (baseline.isPresent() && evaluation.reason().startsWith(Evaluation.POLICY)) {
            action = Action.GO;
            for (EvaluatedHit h : evaluation.hits()) {
                if (h.triggerIds().stream().anyMatch(id -> baseline.get().hits().contains(key(h.gate(), id)))) {
                    inBaseline.add(key(h.gate(), h.triggerId()));
                } else {
                    action = Action.worst(action, h.effectiveAction());
                }
            }
        }
        return new Outcome(bundle, evaluation, inBaseline, action);
    }

    public static String key(String gate, String triggerId) {
        return io.plimsoll.report.scan.PolicyResult.key(gate, triggerId);
    }

    /** Mapping needs a registry/repository/tag: the archive's first tag, or the file's name under localhost. */
    private static ImageName nameOf(Inventory inventory) {
        List<String> tags = inventory.image().tags();
        if (!tags.isEmpty()) {
            return ImageName.parse(tags.get(0));
        }
        String base = Path.of(inventory.image().name().replaceFirst("^[a-z-]+:", "")).getFileName() + "";
        String repo = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._/-]", "-").replaceAll("^[-.]+", "");
        ImageName parsed = ImageName.parse("localhost/" + (repo.isEmpty() ? "image" : repo));
        return new ImageName(parsed.registry(), parsed.repository(), parsed.tag(),
                inventory.image().manifestDigest().map(Object::toString),
                inventory.image().configDigest().map(Object::toString));
    }

    private static Set<String> checksumPaths(ValidatedBundle bundle) {
        Set<String> paths = new HashSet<>();
        for (var policy : bundle.bundle().policies()) {
            for (Rule r : policy.rules()) {
                if (r.gate().equals("files") && r.trigger().equals("attribute_match") && r.params().containsKey("checksum")
                        && r.params().containsKey("filename")) {
                    paths.add(r.params().get("filename"));
                }
            }
        }
        return paths;
    }

    private static BundleReader.Source failOnBundle(String severity) {
        String level = severity.toLowerCase(Locale.ROOT);
        if (!List.of("negligible", "low", "medium", "high", "critical").contains(level)) {
            throw new ScanException("invalid --fail-on '" + severity
                    + "' (negligible, low, medium, high, critical)");
        }
        String yaml = "id: fail-on-" + level + "\nname: --fail-on " + level + "\npolicies:\n"
                + "  - id: fail-on\n    rules:\n"
                + "      - {id: fail-on-" + level + ", gate: vulnerabilities, trigger: package, action: STOP,"
                + " params: {package_type: all, severity_comparison: \">=\", severity: " + level + "}}\n"
                + "mappings:\n  - {name: every image, policies: [fail-on]}\n";
        return new BundleReader.Source("--fail-on " + level, yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the policy hits of a previous {@code scan --format json} report. */
    private static Baseline readBaseline(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
            if (root == null || !root.path("schema").asText().startsWith("plimsoll-scan/")) {
                throw new ScanException(file + ": not a plimsoll scan report (scan --format json)");
            }
            Set<String> hits = new HashSet<>();
            for (JsonNode h : root.path("policy").path("hits")) {
                hits.add(key(h.path("gate").asText(), h.path("triggerId").asText()));
                h.path("aliases").forEach(a -> hits.add(key(h.path("gate").asText(), a.asText())));
            }
            return new Baseline(file, hits);
        } catch (IOException e) {
            throw new ScanException(file + ": cannot read the baseline report: " + e.getMessage());
        }
    }
}
