package io.plimsoll.ecosystem.dotnet;

import io.plimsoll.model.version.VersionScheme;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NuGet package versions as NuGet.Versioning orders them: SemVer 2.0 with an optional fourth number (legacy
 * {@code 4.0.0.1}), missing numbers meaning 0 ({@code 1.0 == 1.0.0.0}), release labels compared as SemVer's
 * prerelease identifiers but case-insensitively ({@code 1.0.0-RC1 == 1.0.0-rc1}), build metadata ignored.
 * What NuGet would not parse sorts below every version, among itself by string order.
 */
public final class NugetVersionScheme implements VersionScheme {

    public static final String NAME = "nuget";

    private static final Pattern VERSION = Pattern.compile(
            "(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z.-]+)?");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int compare(String a, String b) {
        return VersionScheme.compareParsed(a, b, NugetVersionScheme::parse);
    }

    @Override
    public boolean isValid(String version) {
        return parse(version).isPresent();
    }

    @Override
    public boolean isPreRelease(String version) {
        return parse(version).map(p -> !p.labels().isEmpty()).orElse(false);
    }

    record Parsed(List<String> numbers, List<String> labels) implements Comparable<Parsed> {
        @Override
        public int compareTo(Parsed o) {
            for (int i = 0; i < 4; i++) {
                int c = compareNumber(numbers.get(i), o.numbers.get(i));
                if (c != 0) {
                    return c;
                }
            }
            if (labels.isEmpty() || o.labels.isEmpty()) {
                return Boolean.compare(labels.isEmpty(), o.labels.isEmpty()); // a release sorts after its prereleases
            }
            for (int i = 0; i < Math.min(labels.size(), o.labels.size()); i++) {
                String x = labels.get(i);
                String y = o.labels.get(i);
                boolean nx = isNumber(x);
                boolean ny = isNumber(y);
                int c = nx && ny ? compareNumber(x, y) : nx != ny ? (nx ? -1 : 1) : x.compareToIgnoreCase(y);
                if (c != 0) {
                    return Integer.signum(c);
                }
            }
            return Integer.compare(labels.size(), o.labels.size());
        }
    }

    static Optional<Parsed> parse(String v) {
        Matcher m = VERSION.matcher(v.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> numbers = List.of(orZero(m.group(1)), orZero(m.group(2)), orZero(m.group(3)), orZero(m.group(4)));
        List<String> labels = m.group(5) == null ? List.of() : List.of(m.group(5).split("\\."));
        return Optional.of(new Parsed(numbers, labels));
    }

    private static String orZero(String s) {
        return s == null ? "0" : s;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Decimal strings of any length, leading zeros allowed (legacy NuGet versions have them). */
    private static int compareNumber(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : Integer.signum(x.compareTo(y));
    }
}
