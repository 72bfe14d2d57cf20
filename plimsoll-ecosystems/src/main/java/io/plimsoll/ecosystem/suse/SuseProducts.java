package io.plimsoll.ecosystem.suse;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which image a CVRF product name describes, as the namespace its rows are filed under, keyed as os-release's
 * {@code ID:VERSION_ID} would give it: {@code openSUSE Leap 15.0} → {@code opensuse-leap:15.0},
 * {@code SUSE Linux Enterprise Server 15 SP1} → {@code sles:15.1}, and SLES's modules of that service pack
 * ({@code SUSE Linux Enterprise Module for Realtime packages 15 SP1}) → {@code sles:15.1} too, since modules are
 * repositories of a SLES installation. LTSS is the same release's longer support. The immutable and rolling
 * products are their own ids, as their os-release says: {@code SUSE Linux Enterprise Micro 5.5} (and its
 * {@code for Rancher} edition, the same OS) → {@code sle-micro:5.5}, {@code SUSE Linux Micro 6.0} →
 * {@code sl-micro:6.0}, {@code openSUSE Leap Micro 5.5} → {@code opensuse-leap-micro:5.5} and
 * {@code openSUSE Tumbleweed} → {@code opensuse-tumbleweed:rolling}; a SLES module's rows never apply to them,
 * nor theirs to SLES. Other products (SLES for SAP, Point of Sale, extensions, SDKs) are separate products whose
 * images say other ids; their rows are not kept.
 */
final class SuseProducts {

    private static final Pattern LEAP = Pattern.compile("openSUSE Leap (\\d+\\.\\d+)");
    private static final Pattern LEAP_MICRO = Pattern.compile("openSUSE Leap Micro (\\d+\\.\\d+)");
    private static final Pattern SLE_MICRO = Pattern.compile(
            "SUSE Linux Enterprise Micro(?: for Rancher)? (\\d+\\.\\d+)");
    private static final Pattern SL_MICRO = Pattern.compile("SUSE Linux Micro (\\d+\\.\\d+)");
    static final String TUMBLEWEED = "openSUSE Tumbleweed";
    private static final Pattern SLE = Pattern.compile(
            "SUSE Linux Enterprise (Server|Desktop|Module for [^0-9]+?) (\\d+)(?: SP(\\d+))?(?:-LTSS)?");

    private static final Map<Pattern, String> MICRO = Map.of(LEAP_MICRO, SuseMatchRule.LEAP_MICRO,
            SLE_MICRO, SuseMatchRule.SLE_MICRO, SL_MICRO, SuseMatchRule.SL_MICRO);

    private SuseProducts() {
    }

    static Optional<String> namespace(String product) {
        if (product.equals(TUMBLEWEED)) {
            return Optional.of(SuseMatchRule.TUMBLEWEED + ":rolling");
        }
        for (Map.Entry<Pattern, String> micro : MICRO.entrySet()) {
            Matcher m = micro.getKey().matcher(product);
            if (m.matches()) {
                return Optional.of(micro.getValue() + ":" + m.group(1));
            }
        }
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
