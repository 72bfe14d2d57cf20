package io.plimsoll.policy.gate.metadata;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.model.Distro;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.ParamType;
import io.plimsoll.policy.gate.TriggerHit;
import io.plimsoll.policy.gate.TriggerParams;
import io.plimsoll.policy.gate.common.BaseTrigger;
import io.plimsoll.policy.gate.common.Comparison;
import io.plimsoll.policy.gate.common.DottedVersions;
import io.plimsoll.policy.gate.common.LegacyTriggerId;
import io.plimsoll.policy.gate.common.Regexes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code attribute}: fires once when the named image attribute meets the check. {@code size} (bytes of the unpacked
 * layers; the value may carry a unit, {@code 500mb}, {@code 1gb}, in powers of 1024 as Anchore reads them) and
 * {@code layer_count} compare as numbers, {@code distro_version} as a dotted version; the other attributes are text,
 * and {@code =}, {@code !=}, {@code in}, {@code not_in} ignore case there (os-release ids are lower case, rules often
 * write {@code RHEL}). {@code distro} is the os-release ID, {@code like_distro} its ID_LIKE joined with commas.
 */
final class AttributeTrigger extends BaseTrigger {

    static final List<String> ATTRIBUTES = List.of("size", "architecture", "os_type", "distro", "distro_version",
            "like_distro", "layer_count");
    static final List<String> CHECKS = List.of("=", "!=", ">", "<", ">=", "<=", "exists", "not_exists", "like",
            "not_like", "in", "not_in");
    private static final Pattern BYTES = Pattern.compile("^([0-9]+)([kmgt]b)?$");
    private static final Map<String, Long> UNITS = Map.of("kb", 1L << 10, "mb", 1L << 20, "gb", 1L << 30,
            "tb", 1L << 40);

    AttributeTrigger() {
        super("attribute", "Triggers if a named image metadata value matches the given condition.", List.of(
                Param.oneOf("attribute", true, ATTRIBUTES, "Attribute name to be checked."),
                Param.oneOf("check", true, CHECKS, "The operation to perform the evaluation."),
                Param.optional("value", ParamType.STRING, "Value used in comparison.")));
    }

    @Override
    public List<String> validate(TriggerParams params) {
        List<String> problems = new ArrayList<>();
        String check = params.string("check").orElse("");
        String attribute = params.string("attribute").orElse("");
        Optional<String> value = params.string("value");
        if (needsValue(check) && value.isEmpty()) {
            problems.add("value: required when check is '" + check + "'");
        }
        if (value.isPresent() && needsValue(check)) {
            if (check.endsWith("like")) {
                Regexes.problem("value", value.get()).ifPresent(problems::add);
            } else if (attribute.equals("size") && !check.endsWith("in") && bytes(value.get()).isEmpty()) {
                problems.add("value: '" + value.get() + "' is not a size (bytes, or a number with kb, mb, gb, tb)");
            } else if (attribute.equals("layer_count") && !check.endsWith("in") && !value.get().matches("\\d+")) {
                problems.add("value: '" + value.get() + "' is not a whole number");
            }
        }
        return problems;
    }

    @Override
    public List<TriggerHit> evaluate(ImageContext image, TriggerParams params) {
        String attribute = params.string("attribute").orElse("");
        String check = params.string("check").orElse("");
        Optional<String> value = params.string("value");
        if (needsValue(check) && value.isEmpty()) {
            return List.of();
        }
        Optional<String> actual = attribute(image.inventory(), attribute);
        boolean numeric = attribute.equals("size") || attribute.equals("layer_count");
        String shownValue = value.map(v -> attribute.equals("size") && !check.endsWith("in")
                ? bytes(v).map(String::valueOf).orElse(v) : v).orElse("");
        boolean fires = switch (check) {
            case "exists" -> actual.filter(a -> !a.isEmpty() && !a.equals("0")).isPresent();
            case "not_exists" -> actual.filter(a -> !a.isEmpty() && !a.equals("0")).isEmpty();
            case "like" -> actual.isPresent() && Regexes.matchesAtStart(value.get(), actual.get());
            case "not_like" -> actual.isEmpty() || !Regexes.matchesAtStart(value.get(), actual.get());
            case "in" -> actual.isPresent() && items(value.get()).stream().anyMatch(i -> same(i, actual.get()));
            case "not_in" -> actual.isEmpty() || items(value.get()).stream().noneMatch(i -> same(i, actual.get()));
            default -> actual.isPresent() && compare(attribute, numeric, actual.get(), shownValue, check);
        };
        if (!fires) {
            return List.of();
        }
        return List.of(LegacyTriggerId.hit(MetadataGate.NAME, name(), "Attribute check for attribute: '" + attribute
                + "' check: '" + check + "' check_value: '" + shownValue + "' matched image value: '"
                + actual.orElse("None") + "'"));
    }

    private static boolean compare(String attribute, boolean numeric, String actual, String value, String check) {
        Comparison op = Comparison.parse(check).orElseThrow();
        if (numeric) {
            if (!value.matches("\\d+")) {
                return false;
            }
            return op.holds(Long.compare(Long.parseLong(actual), Long.parseLong(value)));
        }
        if (op == Comparison.EQ || op == Comparison.NE) {
            return op.holds(same(actual, value) ? 0 : 1);
        }
        return op.holds(attribute.equals("distro_version") ? DottedVersions.compare(actual, value)
                : actual.compareTo(value));
    }

    private static boolean same(String a, String b) {
        return a.strip().equalsIgnoreCase(b.strip());
    }

    private static boolean needsValue(String check) {
        return !check.equals("exists") && !check.equals("not_exists");
    }

    private static List<String> items(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).toList();
    }

    static Optional<Long> bytes(String v) {
        Matcher m = BYTES.matcher(v.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(m.group(2) == null ? n : n * UNITS.get(m.group(2)));
    }

    static Optional<String> attribute(Inventory inv, String attribute) {
        var config = inv.image().config();
        Optional<Distro> distro = inv.distro();
        return switch (attribute) {
            case "size" -> Optional.of(String.valueOf(inv.walk().expandedBytes()));
            case "architecture" -> nonEmpty(config.architecture());
            case "os_type" -> nonEmpty(config.os());
            case "distro" -> distro.map(Distro::id).flatMap(AttributeTrigger::nonEmpty);
            case "distro_version" -> distro.map(Distro::versionId).flatMap(AttributeTrigger::nonEmpty);
            case "like_distro" -> distro.map(d -> String.join(",", d.idLike())).flatMap(AttributeTrigger::nonEmpty);
            case "layer_count" -> Optional.of(String.valueOf(inv.image().layers().size()));
            default -> Optional.empty();
        };
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
