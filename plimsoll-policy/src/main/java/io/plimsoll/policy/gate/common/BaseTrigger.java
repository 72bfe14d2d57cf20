package io.plimsoll.policy.gate.common;

import io.plimsoll.policy.gate.Param;
import io.plimsoll.policy.gate.Trigger;
import java.util.List;

/** The name, description and parameters every trigger has; subclasses only evaluate (and maybe validate). */
public abstract class BaseTrigger implements Trigger {

    private final String name;
    private final String description;
    private final List<Param> params;

    protected BaseTrigger(String name, String description, List<Param> params) {
        this.name = name;
        this.description = description;
        this.params = List.copyOf(params);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<Param> params() {
        return params;
    }

    @Override
    public String toString() {
        return name;
    }
}
