package io.plimsoll.vuln;

import java.util.Locale;

/** What a source says about one package in one namespace for one advisory. */
public enum AffectedStatus {
    /** Vulnerable in the stated ranges, no fix published yet (Debian "open", Ubuntu "needed"). */
    AFFECTED,
    /** Vulnerable below the range's fixed version; at or above it the package is fixed. */
    FIXED,
    /** The source says this package was never vulnerable (Debian fixed_version "0", VEX known_not_affected). */
    NOT_AFFECTED,
    /** The vendor decided not to fix it (Red Hat "Will not fix", Debian "ignored"). */
    WILL_NOT_FIX,
    /** A fix is planned but postponed (Red Hat "Fix deferred", Ubuntu "deferred"). */
    FIX_DEFERRED,
    /** The vendor has not decided yet (Debian "undetermined", Red Hat "Under investigation"). */
    UNDER_INVESTIGATION;

    /** The hyphenated lower-case word used in reports: {@code will-not-fix}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AffectedStatus parse(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
