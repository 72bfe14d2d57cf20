package io.plimsoll.policy.eval;

import io.plimsoll.policy.gate.Gate;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.ParamType;
import io.plimsoll.policy.gate.Trigger;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.content.ContentFindings;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Stand-in gates with Anchore's names, whose hits the rule itself dictates (parameter {@code hits}: comma-separated
 * trigger ids, each with its aliases after {@code |}), so evaluation tests say exactly which hits exist without building images.
 */
final class TestGates {

    private TestGates() {
    }

    record SimpleTrigger(String name, List<Param> params,
                         BiFunction<ImageContext, TriggerParams, List<TriggerHit>> body) implements Trigger {
        @Override
        public String description() {
            return name;
        }

        @Override
        public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
            return body.apply(image, params);
        }
    }

    record SimpleGate(String name, List<Trigger> triggers) implements Gate {
        @Override
        public String description() {
            return name;
        }
    }

    /** One hit per listed id; {@code ID|ALIAS|…} gives the hit aliases. */
    static List<TriggerHit> fromHitsParam(ImageContext image, TriggerParams p) {
        return p.list("hits").stream().map(ids -> {
            List<String> names = List.of(ids.split("\\|"));
            return new TriggerHit(names.get(0), "hit " + names.get(0) + " in " + image.reference())
                    .alsoKnownAs(names.subList(1, names.size()));
        }).toList();
    }

    static List<Gate> all() {
        Trigger pkg = new SimpleTrigger("package", List.of(
                Param.optional("hits", ParamType.STRING, "trigger ids to report"),
                Param.oneOf("severity_comparison", false, List.of("=", "!=", ">", "<", ">=", "<="), "comparison"),
                Param.oneOf("severity", false, List.of("unknown", "negligible", "low", "medium", "high", "critical"),
                        "severity"),
                Param.optional("score", ParamType.NUMBER, "cvss"),
                Param.optional("fix_available", ParamType.BOOLEAN, "fix"),
                Param.optional("max_days_since_fix", ParamType.INTEGER, "days")), TestGates::fromHitsParam);
        Trigger stale = new SimpleTrigger("stale_feed_data", List.of(
                Param.required("max_days", ParamType.INTEGER, "days")), (i, p) -> List.of());
        Trigger user = new SimpleTrigger("effective_user", List.of(
                Param.required("users", ParamType.CSV, "users"),
                Param.oneOf("type", true, List.of("whitelist", "blacklist"), "list type")),
                (i, p) -> p.string("type").orElse("").equals("blacklist") && p.list("users").contains("root")
                        ? List.of(new TriggerHit("root", "User root found as effective user")) : List.of());
        Trigger ports = new SimpleTrigger("exposed_ports", List.of(
                Param.required("ports", ParamType.CSV, "ports"),
                Param.oneOf("type", true, List.of("whitelist", "blacklist"), "list type"),
                Param.optional("actual_dockerfile_only", ParamType.BOOLEAN, "only real dockerfiles")),
                (i, p) -> p.list("ports").stream().map(x -> new TriggerHit(x, "port " + x)).toList());
        Trigger instruction = new SimpleTrigger("instruction", List.of(
                Param.oneOf("instruction", true, List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV",
                        "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL",
                        "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"), "instruction"),
                Param.oneOf("check", true, List.of("=", "!=", "exists", "not_exists", "like", "not_like", "in",
                        "not_in"), "check"),
                Param.optional("value", ParamType.STRING, "value")), (i, p) -> List.of());
        Trigger suid = new SimpleTrigger("suid_or_guid_set", List.of(
                Param.optional("hits", ParamType.STRING, "paths")), TestGates::fromHitsParam);
        Trigger attr = new SimpleTrigger("attribute_match", List.of(
                Param.required("filename", ParamType.STRING, "file"),
                Param.optional("mode", ParamType.MODE, "mode"),
                Param.oneOf("mode_op", false, List.of("equals"), "op"),
                Param.optional("skip_missing", ParamType.BOOLEAN, "skip")), (i, p) -> List.of());
        Trigger regex = new SimpleTrigger("content_regex_match", List.of(
                Param.optional("regex_name", ParamType.REGEX, "regex")), (i, p) -> List.of());
        Trigger secrets = new SimpleTrigger("content_regex_checks", List.of(
                Param.optional("hits", ParamType.STRING, "ids")), TestGates::fromHitsParam);
        Trigger boom = new SimpleTrigger("explode", List.of(), (i, p) -> {
            throw new IllegalStateException("the gate broke");
        });
        return List.of(
                new SimpleGate("vulnerabilities", List.of(pkg, stale)),
                new SimpleGate("dockerfile", List.of(user, ports, instruction)),
                new SimpleGate("files", List.of(suid, attr, regex)),
                new SimpleGate("secret_scans", List.of(secrets)),
                new SimpleGate("boom", List.of(boom)));
    }

    /** An image context for evaluation tests; the test gates read only the reference and now. */
    static ImageContext image(String reference, Instant now) {
        return image(ImageName.parse(reference), now);
    }

    static ImageContext image(ImageName name, Instant now) {
        return new ImageContext(name, null, List.of(), null, ContentFindings.NONE, Optional.empty(), now);
    }
}
