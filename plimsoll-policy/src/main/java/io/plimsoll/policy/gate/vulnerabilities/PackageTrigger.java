package io.plimsoll.policy.gate.vulnerabilities;

import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.ParamType;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.Comparison;
import io.plimsoll.policy.gate.common.PackageTypes;
import io.plimsoll.policy.gate.common.Regexes;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code package}: one hit per vulnerable package that meets every criterion the rule gives, trigger id
 * {@code VULNERABILITY+package} ({@code CVE-2021-44228+log4j-core}, see {@link VulnerabilitiesGate#vulnerabilityId}),
 * with the same form for every other id of the vulnerability as aliases ({@code GHSA-jfh8-c2jp-5v3q+log4j-core}).
 * Anchore's defaults apply: severity {@code >} {@code unknown}, {@code vendor_only} true (findings the vendor will not
 * fix are left out), score comparisons {@code >=}.
 *
 * <p>Scores: {@code cvss_v3_base_score} compares the highest NVD base score, {@code vendor_cvss_v3_base_score} the
 * highest score from any other source; a finding without such a score counts as -1, as in Anchore.
 * {@code score_version} (Plimsoll reading of the Anchore Enterprise parameter; {@code 2}, {@code 3} (default) or
 * {@code 4}, with or without {@code v}) chooses which CVSS version's scores those are.
 *
 * <p>Ages: {@code max_days_since_creation} uses the advisory's publication date (a finding without one counts as old
 * enough); {@code max_days_since_fix} would need the day a fix appeared, which no feed Plimsoll reads records, so
 * as with Anchore when that day is unknown it does not hold a finding back.
 *
 * <p>Plimsoll's own parameters: {@code kev} (true: only CVEs in CISA's Known Exploited Vulnerabilities catalog;
 * false: only those not in it) and {@code epss_min} (only findings whose EPSS probability is at least this, 0–1;
 * findings without an EPSS score are left out).
 */
final class PackageTrigger extends BaseTrigger {

    static final List<String> SEVERITIES = Arrays.stream(Severity.values()).map(Severity::label).toList();
    static final List<String> SCORE_VERSIONS = List.of("2", "3", "4", "v2", "v3", "v4");

    PackageTrigger() {
        super("package", "Triggers if a found vulnerability in an image meets the comparison criteria.", List.of(
                Param.oneOf("package_type", true, PackageTypes.VALUES, "Only trigger for specific package type."),
                Param.oneOf("severity_comparison", false, Comparison.SYMBOLS,
                        "The type of comparison to perform for severity evaluation. Default >."),
                Param.oneOf("severity", false, SEVERITIES, "Severity to compare against. Default unknown."),
                Param.oneOf("score_version", false, SCORE_VERSIONS,
                        "CVSS version whose base scores the score parameters compare. Default 3."),
                Param.oneOf("cvss_v3_base_score_comparison", false, Comparison.SYMBOLS,
                        "The type of comparison to perform for CVSS base score evaluation. Default >=."),
                Param.optional("cvss_v3_base_score", ParamType.NUMBER, "NVD CVSS base score to compare against."),
                Param.oneOf("vendor_cvss_v3_base_score_comparison", false, Comparison.SYMBOLS,
                        "The type of comparison to perform for vendor CVSS base score evaluation. Default >=."),
                Param.optional("vendor_cvss_v3_base_score", ParamType.NUMBER,
                        "Vendor CVSS base score to compare against."),
                Param.optional("fix_available", ParamType.BOOLEAN,
                        "If present, the fix availability for the vulnerability must match the value."),
                Param.optional("vendor_only", ParamType.BOOLEAN, "If true (default), leave out vulnerabilities the "
                        + "vendor has marked as will not fix."),
                Param.optional("max_days_since_creation", ParamType.INTEGER,
                        "If provided, the vulnerability must have been published more than this many days ago."),
                Param.optional("max_days_since_fix", ParamType.INTEGER, "If provided (with fix_available true), the "
                        + "fix must be older than this many days (fix dates are not known; never holds back)."),
                Param.optional("package_path_exclude", ParamType.REGEX,
                        "Regex on the package location that excludes non-OS packages."),
                Param.optional("kev", ParamType.BOOLEAN, "Plimsoll: true for only CVEs in CISA KEV, false for only "
                        + "CVEs not in it."),
                Param.optional("epss_min", ParamType.NUMBER,
                        "Plimsoll: only vulnerabilities with an EPSS probability of at least this (0-1).")));
    }

    @Override
    public List<String> validate(TriggerParams params) {
        List<String> problems = new ArrayList<>();
        for (String p : List.of("cvss_v3_base_score", "vendor_cvss_v3_base_score")) {
            params.number(p).filter(v -> v < 0 || v > 10)
                    .ifPresent(v -> problems.add(p + ": " + v + " is not a CVSS score (0-10)"));
        }
        params.number("epss_min").filter(v -> v < 0 || v > 1)
                .ifPresent(v -> problems.add("epss_min: " + v + " is not a probability (0-1)"));
        for (String p : List.of("max_days_since_creation", "max_days_since_fix")) {
            params.integer(p).filter(v -> v < 0).ifPresent(v -> problems.add(p + ": must not be negative"));
        }
        params.string("package_path_exclude").flatMap(r -> Regexes.problem("package_path_exclude", r))
                .ifPresent(problems::add);
        return problems;
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        Criteria c = Criteria.of(params, image.now());
        Map<String, TriggerHit> hits = new LinkedHashMap<>();
        for (Finding f : image.findings()) {
            if (c.selects(f)) {
                String id = VulnerabilitiesGate.vulnerabilityId(f) + "+" + f.pkg().name();
                // two advisories of one CVE in one package are one hit, known by the ids of both
                hits.merge(id, new TriggerHit(id, message(f)).alsoKnownAs(VulnerabilitiesGate.aliasIds(f)),
                        (first, next) -> first.alsoKnownAs(next.aliases()));
            }
        }
        return List.copyOf(hits.values());
    }

    /** Anchore's wording: {@code HIGH Vulnerability found in os package type (deb) - openssl (fixed in: 3.0.13)(CVE-… - link)}. */
    private static String message(Finding f) {
        boolean os = PackageTypes.isOs(f.pkg());
        String fix = f.hasFix() ? "(fixed in: " + String.join(", ", f.fixedVersions()) + ")" : "";
        String link = f.advisory().references().isEmpty() ? "" : f.advisory().references().get(0);
        return f.severity().label().toUpperCase(Locale.ROOT) + " Vulnerability found in " + (os ? "os" : "non-os")
                + " package type (" + f.pkg().type() + ") - " + f.pkg().name() + " " + f.pkg().version() + " " + fix
                + "(" + f.advisory().id() + " - " + link + ")";
    }

    /** A rule's criteria, read once per evaluation. */
    record Criteria(String packageType, Comparison severityOp, Severity severity, String scoreVersion,
                    Comparison nvdOp, OptionalDouble nvdScore, Comparison vendorOp, OptionalDouble vendorScore,
                    Optional<Boolean> fixAvailable, boolean vendorOnly, Optional<Instant> publishedBefore,
                    Optional<com.google.re2j.Pattern> pathExclude, Optional<Boolean> kev, OptionalDouble epssMin) {

        static Criteria of(TriggerParams p, Instant now) {
            return new Criteria(p.string("package_type").orElse("all"),
                    p.string("severity_comparison").flatMap(Comparison::parse).orElse(Comparison.GT),
                    Severity.parse(p.string("severity").orElse("unknown")),
                    p.string("score_version").map(v -> v.replace("v", "")).orElse("3"),
                    p.string("cvss_v3_base_score_comparison").flatMap(Comparison::parse).orElse(Comparison.GE),
                    p.number("cvss_v3_base_score").map(OptionalDouble::of).orElse(OptionalDouble.empty()),
                    p.string("vendor_cvss_v3_base_score_comparison").flatMap(Comparison::parse).orElse(Comparison.GE),
                    p.number("vendor_cvss_v3_base_score").map(OptionalDouble::of).orElse(OptionalDouble.empty()),
                    p.bool("fix_available"), p.bool("vendor_only").orElse(true),
                    p.integer("max_days_since_creation").map(d -> now.minus(Duration.ofDays(d))),
                    p.string("package_path_exclude").map(Regexes::compile), p.bool("kev"),
                    p.number("epss_min").map(OptionalDouble::of).orElse(OptionalDouble.empty()));
        }

        boolean selects(Finding f) {
            if (!PackageTypes.matches(packageType, f.pkg())) {
                return false;
            }
            if (!severityOp.holds(Integer.compare(f.severity().ordinal(), severity.ordinal()))) {
                return false;
            }
            if (pathExclude.isPresent() && !PackageTypes.isOs(f.pkg()) && f.pkg().location() != null
                    && pathExclude.get().matcher(f.pkg().location()).lookingAt()) {
                return false;
            }
            if (vendorOnly && f.status() == AffectedStatus.WILL_NOT_FIX) {
                return false;
            }
            if (publishedBefore.isPresent() && f.advisory().published().filter(t -> t.isAfter(publishedBefore.get()))
                    .isPresent()) {
                return false;
            }
            if (nvdScore.isPresent() && !nvdOp.holds(score(f, true), nvdScore.getAsDouble())) {
                return false;
            }
            if (vendorScore.isPresent() && !vendorOp.holds(score(f, false), vendorScore.getAsDouble())) {
                return false;
            }
            if (fixAvailable.isPresent() && fixAvailable.get() != f.hasFix()) {
                return false;
            }
            if (kev.isPresent() && kev.get() != f.kev().isPresent()) {
                return false;
            }
            return epssMin.isEmpty() || f.epss().filter(e -> e.score() >= epssMin.getAsDouble()).isPresent();
        }

        /** The highest NVD (or non-NVD) base score of the chosen CVSS version; -1 when there is none. */
        double score(Finding f, boolean nvd) {
            return f.cvss().stream().filter(Cvss::hasScore).filter(s -> s.version().startsWith(scoreVersion))
                    .filter(s -> isNvd(s) == nvd).mapToDouble(Cvss::score).max().orElse(-1.0);
        }

        private static boolean isNvd(Cvss c) {
            return c.source().toLowerCase(Locale.ROOT).contains("nvd");
        }
    }
}
