package io.plimsoll.policy.gate.common;

import io.plimsoll.policy.gate.TriggerParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks of list parameters that {@link io.plimsoll.policy.gate.ParamType#CSV} alone cannot express. */
public final class CsvChecks {

    private CsvChecks() {
    }

    /** Anchore's comma-delimited number lists ({@code user_ids: "0,1"}): every item a whole number. */
    public static List<String> integers(TriggerParams params, String name) {
        List<String> problems = new ArrayList<>();
        for (String item : params.list(name)) {
            if (!item.matches("-?\\d+")) {
                problems.add(name + ": '" + item + "' is not a whole number");
            }
        }
        return problems;
    }

    /** A parameter that one value of another makes necessary. */
    public static Optional<String> requiredWhen(TriggerParams params, String name, String because) {
        return params.string(name).isPresent() ? Optional.empty()
                : Optional.of(name + ": required when " + because);
    }
}
