package io.plimsoll.ecosystem.rpm;

import io.plimsoll.model.version.VersionScheme;

import java.util.Objects;

/**
 * rpm's {@code [epoch:]version[-release]} ordering, as rpm 4.18 compares two EVR strings (rpmverCmp, which is
 * what {@code rpm.labelCompare} and {@code rpm.ver} use): epoch (missing means 0), then version, then release,
 * each with {@link Rpmvercmp}. A missing release sorts before any release, so {@code 1.0 < 1.0-1}.
 */
public final class RpmVersionScheme implements VersionScheme {

    public static final String NAME = "rpm";

    /** Characters rpmbuild accepts in a versioned dependency besides ASCII letters and digits. */
    private static final String EVR_PUNCTUATION = "._+%{}~^-:";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int compare(String a, String b) {
        Evr x = Evr.parse(Objects.requireNonNull(a, "a"));
        Evr y = Evr.parse(Objects.requireNonNull(b, "b"));
        int c = Rpmvercmp.compare(orZero(x.epoch()), orZero(y.epoch()));
        if (c == 0) {
            c = Rpmvercmp.compare(x.version(), y.version());
        }
        if (c == 0) {
            c = compareOptional(x.release(), y.release());
        }
        return c;
    }

    /**
     * rpm itself accepts any non-empty string here; the strictest rule rpm applies to an EVR is rpmbuild's
     * check of a versioned dependency, so that is the rule: letters, digits and {@code ._+%{}~^}, at most one
     * hyphen and one colon, a numeric epoch, no {@code ..}. Empty parts are refused too, since rpm's
     * Epoch, Version and Release tags cannot be empty.
     */
    @Override
    public boolean isValid(String version) {
        if (version.isEmpty() || version.contains("..")) {
            return false;
        }
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            boolean alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alnum && EVR_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        if (version.indexOf('-') != version.lastIndexOf('-') || version.indexOf(':') != version.lastIndexOf(':')) {
            return false;
        }
        int colon = version.indexOf(':');
        if (colon == 0 || (colon > 0 && !version.substring(0, colon).chars().allMatch(c -> c >= '0' && c <= '9'))) {
            return false;
        }
        Evr evr = Evr.parse(version);
        return !evr.version().isEmpty() && (evr.release() == null || !evr.release().isEmpty());
    }

    private static String orZero(String epoch) {
        return epoch == null ? "0" : epoch;
    }

    /** rpmverCmp's rule for a part one side lacks: present beats absent. */
    private static int compareOptional(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return Rpmvercmp.compare(a, b);
    }
}
