package io.plimsoll.ecosystem.suse;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which image a CVRF product name describes, as the namespace its rows are filed under, keyed as os-release's
 * {@code ID:VERSION_ID} would give it: {@code openSUSE Leap 15.0} → {@code opensuse-leap:15.0},
 * {@code SUSE Linux Enterprise Server 15 SP1} → {@code sles:15.1}, and SLES's modules of that service pack
 * ({@code SUSE Linux Enterprise Module for Realtime packages 15 SP1}) → {@code sles:15.1} too, since modules are
 * repositories of a SLES installation. LTSS is the same release's longer support. Other products (SLES for SAP,
 * Point of Sale, extensions, SDKs) are separate products whose images say other ids; their rows are not kept.
 */
final class SuseProducts {

    private static final Pattern LEAP = Pattern.compile("openSUSE Leap (\\d+\\.\\d+)");
    private static final Pattern SLE = Pattern.compile(
            "SUSE Linux Enterprise (Server|Desktop|Module for [^0-9]+?) (\\d+)(?: SP(\\d+))?(?:-LTSS)?");

    private SuseProducts() {
    }

    static Optional<String> namespace(String product) {
        Matcher leap = LEAP.matcher(product);
        if (leap.matches()) {
            return Optional.of("opensuse-leap:" + leap.group(1));
        }
        Matcher sle = SLE.matcher(product);
        if (sle.matches()) {
            String family = sle.group(1).equals("Desktop") ? "sled" : "sles";
            String release = sle.group(2) + (sle.group(3) == null || sle.group(3).equals("0") ? "" : "." + sle.group(3));
            return Optional.of(family + ":" + release);
        }
        return Optional.empty();
    }
}
