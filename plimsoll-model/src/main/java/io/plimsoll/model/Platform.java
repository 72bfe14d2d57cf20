package io.plimsoll.model;

import java.util.Locale;
import java.util.Objects;

/**
 * An image platform ({@code os/architecture[/variant]}) with the normalisation containerd applies, so that
 * {@code linux/aarch64}, {@code linux/arm64} and {@code linux/arm64/v8} name the same thing.
 */
public record Platform(String os, String architecture, String variant) {

    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", "");

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        variant = variant == null ? "" : variant;
    }

    /** Parses {@code os/arch[/variant]}; throws IllegalArgumentException naming the text otherwise. */
    public static Platform parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()
                || (parts.length == 3 && parts[2].isEmpty())) {
            throw new IllegalArgumentException("invalid platform '" + text + "' (want os/arch[/variant], e.g. linux/arm64)");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    /** The platform with architecture aliases and default variants folded, for comparison. */
    public Platform normalized() {
        String o = os.toLowerCase(Locale.ROOT);
        String a = architecture.toLowerCase(Locale.ROOT);
        String v = variant.toLowerCase(Locale.ROOT);
        switch (a) {
            case "x86_64", "x86-64" -> a = "amd64";
            case "i386", "i486", "i586", "i686" -> a = "386";
            case "aarch64" -> a = "arm64";
            case "armhf" -> {
                a = "arm";
                v = "v7";
            }
            case "armel" -> {
                a = "arm";
                v = "v6";
            }
            default -> { }
        }
        if (a.equals("arm64") && v.equals("v8")) {
            v = "";
        }
        if (a.equals("arm") && v.isEmpty()) {
            v = "v7";
        }
        if (a.equals("amd64") && v.equals("v1")) {
            v = "";
        }
        return new Platform(o, a, v);
    }

    public boolean matches(Platform other) {
        return normalized().equals(other.normalized());
    }

    @Override
    public String toString() {
        return variant.isEmpty() ? os + '/' + architecture : os + '/' + architecture + '/' + variant;
    }

    // equals and hashCode written out: a record's generated ones bootstrap method handles on first use, on a cold run's critical path
    // (docs/performance.md, "Records on the cold path")
    @Override
    public boolean equals(Object o) {
        return o instanceof Platform p && os.equals(p.os) && architecture.equals(p.architecture)
                && variant.equals(p.variant);
    }

    @Override
    public int hashCode() {
        return Objects.hash(os, architecture, variant);
    }
}
