package io.plimsoll.ecosystem.rust;

import java.util.List;

/**
 * One entry of cargo-auditable's dependency list.
 *
 * @param source       {@code crates.io}, {@code registry}, {@code git}, {@code local}, or another source's name
 * @param kind         {@code runtime} (linked into the binary) or {@code build}
 * @param root         the crate the binary was built from
 * @param dependencies indices of the crates it depends on, in the same list
 */
record AuditedCrate(String name, String version, String source, String kind, boolean root, List<Integer> dependencies) {

    static final String RUNTIME = "runtime";

    AuditedCrate {
        dependencies = List.copyOf(dependencies);
    }

    boolean isRuntime() {
        return RUNTIME.equals(kind);
    }
}
