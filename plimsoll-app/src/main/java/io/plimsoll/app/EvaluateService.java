package io.plimsoll.app;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.policy.BundleReader;
import io.plimsoll.policy.PolicyException;
import io.plimsoll.policy.PolicyPacks;
import io.plimsoll.policy.content.ContentFindings;
import io.plimsoll.policy.eval.BundleValidator;
import io.plimsoll.policy.eval.Evaluation;
import io.plimsoll.policy.eval.PolicyEvaluator;
import io.plimsoll.policy.eval.ValidatedBundle;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Findings + a validated bundle → the policy's evaluation: the one place an image's context is put together for the
 * {@link PolicyEvaluator}. The CLI reaches it through {@link PolicyCheck} (which adds files, packs, allowlists and
 * baselines); the server calls it with a bundle it stores and an analysis it stored.
 *
 * @param bundle the bundle to evaluate
 */
public record EvaluateService(ValidatedBundle bundle) {

    /** A built-in pack ({@link PolicyPacks#NAMES}), validated strictly; empty when there is no pack of that name. */
    public static Optional<EvaluateService> pack(String name) throws PolicyException {
        Optional<BundleReader.Source> source = PolicyPacks.source(name);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EvaluateService(new BundleValidator()
                .validate(BundleReader.strict().readSources(List.of(source.get())), false)));
    }

    /** A bundle's JSON or YAML read and validated strictly; a broken rule is a {@link PolicyException} naming it. */
    public static EvaluateService read(String name, byte[] bundle) throws PolicyException {
        var loaded = BundleReader.strict().readSources(List.of(new BundleReader.Source(name, bundle)));
        return new EvaluateService(new BundleValidator().validate(loaded, false));
    }

    /**
     * Evaluates the bundle over one image.
     *
     * @param name       the name mappings select by (registry, repository, tag, digests)
     * @param findings   the findings the vulnerability gates see (after any VEX and ignore file)
     * @param data       the state of the data behind them, for the stale and missing data triggers
     * @param content    what the content scan found during the walk (secrets, account files, checksums)
     * @param dockerfile the Dockerfile the dockerfile gate reads, when given
     */
    public Evaluation evaluate(ImageName name, Inventory inventory, List<Finding> findings, DataFreshness data,
                               ContentFindings content, Optional<ImageContext.Dockerfile> dockerfile, Instant now) {
        ImageContext context = new ImageContext(name, inventory, findings, data, content, dockerfile, now);
        return new PolicyEvaluator().evaluate(bundle, context);
    }
}
