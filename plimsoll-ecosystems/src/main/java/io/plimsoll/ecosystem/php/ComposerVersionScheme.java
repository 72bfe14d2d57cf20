package io.plimsoll.ecosystem.php;

import io.plimsoll.model.version.VersionScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Composer package versions, ordered as Composer orders them: the version is first normalised as Composer's
 * VersionParser does ({@code v} prefix and build metadata dropped, four numbers, {@code 1.2} is {@code 1.2.0.0},
 * stability words expanded: {@code a}→alpha, {@code b}→beta, {@code rc}→RC, {@code p}/{@code pl}→patch), then
 * compared with PHP's {@code version_compare}: numbers by value, and {@code dev < alpha < beta < RC < release <
 * patch}. Branch names ({@code dev-main}) and what else Composer rejects sort below every version.
 */
public final class ComposerVersionScheme implements VersionScheme {

    public static final String NAME = "composer";

    private static final Pattern VERSION = Pattern.compile(
            "v?(\\d+(?:\\.\\d+){0,3})(?:[._-]?(stable|beta|b|rc|alpha|a|patch|pl|p)(?:[.-]?(\\d+(?:\\.\\d+)*))?)?"
                    + "([.-]?dev)?(?:\\+[0-9A-Za-z.-]+)?",
            Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int compare(String a, String b) {
        return VersionScheme.compareParsed(a, b, ComposerVersionScheme::parse);
    }

    @Override
    public boolean isValid(String version) {
        return parse(version).isPresent();
    }

    /** Composer's stabilities below stable: dev, alpha, beta and RC. */
    @Override
    public boolean isPreRelease(String version) {
        return parse(version).map(p -> p.parts().stream().anyMatch(s -> List.of("dev", "alpha", "beta", "RC")
                .contains(s))).orElse(false);
    }

    /** The normalised version as PHP's version_compare splits it: numbers and words. */
    record Parts(List<String> parts) implements Comparable<Parts> {
        @Override
        public int compareTo(Parts o) {
            int n = Math.min(parts.size(), o.parts.size());
            for (int i = 0; i < n; i++) {
                int c = comparePart(parts.get(i), o.parts.get(i));
                if (c != 0) {
                    return c;
                }
            }
            if (parts.size() == o.parts.size()) {
                return 0;
            }
            // PHP: a longer version wins if its next part is a number, else that word is compared with a number
            boolean longerIsThis = parts.size() > o.parts.size();
            String next = (longerIsThis ? parts : o.parts).get(n);
            int c = isNumber(next) ? 1 : Integer.signum(Integer.compare(rank(next), rank("0")));
            return longerIsThis ? c : -c;
        }
    }

    static Optional<Parts> parse(String v) {
        Matcher m = VERSION.matcher(v.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>(List.of(m.group(1).split("\\.")));
        while (parts.size() < 4) {
            parts.add("0");
        }
        if (m.group(2) != null) {
            String stability = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "a", "alpha" -> "alpha";
                case "b", "beta" -> "beta";
                case "rc" -> "RC";
                case "p", "pl", "patch" -> "patch";
                default -> ""; // stable: the release itself
            };
            if (!stability.isEmpty()) {
                parts.add(stability);
                if (m.group(3) != null) {
                    parts.addAll(List.of(m.group(3).split("\\.")));
                }
            }
        }
        if (m.group(4) != null) {
            parts.add("dev");
        }
        return Optional.of(new Parts(List.copyOf(parts)));
    }

    private static int comparePart(String a, String b) {
        boolean na = isNumber(a);
        boolean nb = isNumber(b);
        if (na && nb) {
            String x = a.replaceFirst("^0+(?=.)", "");
            String y = b.replaceFirst("^0+(?=.)", "");
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : Integer.signum(x.compareTo(y));
        }
        return Integer.compare(rank(a), rank(b));
    }

    /** PHP's special forms: dev < alpha < beta < RC < any number < patch. */
    private static int rank(String part) {
        if (isNumber(part)) {
            return 4;
        }
        return switch (part) {
            case "dev" -> 0;
            case "alpha" -> 1;
            case "beta" -> 2;
            case "RC" -> 3;
            case "patch" -> 5;
            default -> -1;
        };
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
