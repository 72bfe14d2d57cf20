package io.plimsoll.policy;

import java.util.List;

/** A named list of rules (Anchore {@code version: "1_0"}). */
public record Policy(String id, String name, String version, String comment, List<Rule> rules) {

    public Policy {
        rules = List.copyOf(rules);
        name = name == null ? id : name;
        version = version == null ? "1_0" : version;
        comment = comment == null ? "" : comment;
    }
}
