package io.plimsoll.policy.gate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A rule's parameter values, read with the types its trigger declared (already validated). */
public record TriggerParams(Map<String, String> values) {

    public TriggerParams {
        values = Map.copyOf(values);
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    public Optional<Long> integer(String name) {
        return string(name).map(Long::parseLong);
    }

    public Optional<Double> number(String name) {
        return string(name).map(Double::parseDouble);
    }

    public Optional<Boolean> bool(String name) {
        return string(name).map(s -> s.toLowerCase(Locale.ROOT).equals("true"));
    }

    /** Comma-separated items, trimmed, empty items dropped. */
    public List<String> list(String name) {
        return string(name).map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .toList()).orElse(List.of());
    }

    /** An octal mode as Anchore writes it ({@code 0o4755}) or as chmod does ({@code 04755}). */
    public Optional<Integer> mode(String name) {
        return string(name).map(TriggerParams::parseMode);
    }

    public static int parseMode(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("0o")) {
            t = t.substring(2);
        }
        return Integer.parseInt(t, 8);
    }
}
