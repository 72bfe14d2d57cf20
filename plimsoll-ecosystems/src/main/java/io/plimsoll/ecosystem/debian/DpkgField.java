package io.plimsoll.ecosystem.debian;

import io.plimsoll.ecosystem.ByteLines;

/** The control fields the status parser keeps or reacts to; every other field is skipped without a copy. */
enum DpkgField {
    PACKAGE("Package"),
    STATUS("Status"),
    VERSION("Version"),
    ARCHITECTURE("Architecture"),
    SOURCE("Source"),
    MAINTAINER("Maintainer"),
    INSTALLED_SIZE("Installed-Size"),
    MULTI_ARCH("Multi-Arch"),
    DESCRIPTION("Description"),
    CONFFILES("Conffiles"),
    // vcpkg writes files named "status" in this format; these fields of its own give it away.
    VCPKG_FEATURE("Feature"),
    VCPKG_PORT_VERSION("Port-Version"),
    VCPKG_DEFAULT_FEATURES("Default-Features"),
    /** Any field not listed: its continuation lines are skipped. */
    OTHER("");

    private static final DpkgField[] NAMED = java.util.Arrays.stream(values()).filter(f -> f != OTHER)
            .toArray(DpkgField[]::new);

    final String key;

    DpkgField(String key) {
        this.key = key;
    }

    boolean isVcpkg() {
        return this == VCPKG_FEATURE || this == VCPKG_PORT_VERSION || this == VCPKG_DEFAULT_FEATURES;
    }

    /** The field named by bytes {@code [from, to)} of the current line (names are case-insensitive), or OTHER. */
    static DpkgField match(ByteLines lines, int from, int to) {
        for (DpkgField f : NAMED) {
            if (f.key.length() == to - from && lines.equalsIgnoreCase(from, to, f.key)) {
                return f;
            }
        }
        return OTHER;
    }
}
