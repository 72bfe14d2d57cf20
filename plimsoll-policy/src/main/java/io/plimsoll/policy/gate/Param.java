package io.plimsoll.policy.gate;

import java.util.List;

/**
 * A trigger parameter: its Anchore name, whether a rule must give it, and what values it accepts.
 *
 * @param allowed for {@link ParamType#ENUM} the accepted values (and for {@link ParamType#CSV} of an enum, each item)
 */
public record Param(String name, boolean required, ParamType type, List<String> allowed, String description) {

    public Param {
        allowed = List.copyOf(allowed);
    }

    public static Param required(String name, ParamType type, String description) {
        return new Param(name, true, type, List.of(), description);
    }

    public static Param optional(String name, ParamType type, String description) {
        return new Param(name, false, type, List.of(), description);
    }

    public static Param oneOf(String name, boolean required, List<String> values, String description) {
        return new Param(name, required, ParamType.ENUM, values, description);
    }

    public static Param listOf(String name, boolean required, List<String> values, String description) {
        return new Param(name, required, ParamType.CSV, values, description);
    }
}
