package io.plimsoll.ecosystem.osv;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The CVSS v3.0/v3.1 base score of a vector string, per FIRST's specification (section 7.1 of v3.1): OSV and GHSA
 * records give only the vector, and the matcher and {@code --severity} need the number. Temporal and environmental
 * metrics in the vector are ignored (a base score is asked for); a vector missing a base metric, repeating one or
 * carrying an unknown value has no score.
 */
public final class CvssV3 {

    private CvssV3() {
    }

    /** The base score, or empty when {@code vector} is not a valid CVSS v3.x vector. */
    public static OptionalDouble baseScore(String vector) {
        if (vector == null || !(vector.startsWith("CVSS:3.0/") || vector.startsWith("CVSS:3.1/"))) {
            return OptionalDouble.empty();
        }
        Map<String, String> m = new HashMap<>();
        for (String part : vector.substring(9).split("/")) {
            int colon = part.indexOf(':');
            if (colon <= 0 || m.put(part.substring(0, colon), part.substring(colon + 1)) != null) {
                return OptionalDouble.empty();
            }
        }
        String scope = m.get("S");
        if (!"U".equals(scope) && !"C".equals(scope)) {
            return OptionalDouble.empty();
        }
        boolean changed = scope.equals("C");
        double av = weight(m.get("AV"), "N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2);
        double ac = weight(m.get("AC"), "L", 0.77, "H", 0.44);
        // privileges weigh more when the impact crosses the scope boundary
        double pr = weight(m.get("PR"), "N", 0.85, "L", changed ? 0.68 : 0.62, "H", changed ? 0.5 : 0.27);
        double ui = weight(m.get("UI"), "N", 0.85, "R", 0.62);
        double c = weight(m.get("C"), "H", 0.56, "L", 0.22, "N", 0.0);
        double i = weight(m.get("I"), "H", 0.56, "L", 0.22, "N", 0.0);
        double a = weight(m.get("A"), "H", 0.56, "L", 0.22, "N", 0.0);
        if (Double.isNaN(av + ac + pr + ui + c + i + a)) {
            return OptionalDouble.empty();
        }
        double iss = 1 - (1 - c) * (1 - i) * (1 - a);
        double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
        double exploitability = 8.22 * av * ac * pr * ui;
        if (impact <= 0) {
            return OptionalDouble.of(0.0);
        }
        double sum = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
        return OptionalDouble.of(roundUp(Math.min(sum, 10.0)));
    }

    /**
     * The specification's Roundup: the smallest one-decimal number not below {@code x}, computed on integers (as
     * v3.1's Appendix A does) so that floating-point noise such as 4.000000000000001 does not become 4.1.
     */
    static double roundUp(double x) {
        long scaled = Math.round(x * 100_000);
        if (scaled % 10_000 == 0) {
            return scaled / 100_000.0;
        }
        return (Math.floorDiv(scaled, 10_000) + 1) / 10.0;
    }

    /** The weight of {@code value} among the (value, weight) pairs, NaN when absent or unknown. */
    private static double weight(String value, Object... pairs) {
        for (int k = 0; k < pairs.length; k += 2) {
            if (pairs[k].equals(value)) {
                return (Double) pairs[k + 1];
            }
        }
        return Double.NaN;
    }
}
