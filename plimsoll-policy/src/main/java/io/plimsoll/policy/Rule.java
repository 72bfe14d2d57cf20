package io.plimsoll.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One policy rule as Anchore writes it: when {@code gate}'s {@code trigger} fires with {@code params}, the result
 * is {@code action}.
 *
 * @param params parameter name → value, as strings (Anchore's {@code [{name, value}]} list), in file order
 */
public record Rule(String id, String gate, String trigger, Action action, Map<String, String> params,
                   String comment) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(action, "action");
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        comment = comment == null ? "" : comment;
    }
}
