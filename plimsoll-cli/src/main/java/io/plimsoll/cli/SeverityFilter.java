package io.plimsoll.cli;

import io.plimsoll.vuln.Severity;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code --severity}: one level is a threshold (that level and above, as Plimsoll always read it); a list
 * ({@code HIGH,CRITICAL}, as Trivy users write it) is exactly those levels.
 */
record SeverityFilter(Set<Severity> shown) {

    static final SeverityFilter ALL = new SeverityFilter(EnumSet.allOf(Severity.class));

    static SeverityFilter parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        String[] words = text.split(",");
        EnumSet<Severity> levels = EnumSet.noneOf(Severity.class);
        for (String w : words) {
            levels.add(level(w.strip()));
        }
        if (words.length == 1) {
            Severity min = levels.iterator().next();
            EnumSet<Severity> above = EnumSet.noneOf(Severity.class);
            for (Severity s : Severity.values()) {
                if (s.atLeast(min)) {
                    above.add(s);
                }
            }
            return new SeverityFilter(above);
        }
        return new SeverityFilter(levels);
    }

    boolean test(Severity s) {
        return shown.contains(s);
    }

    private static Severity level(String word) {
        Severity v = Severity.parse(word);
        if (v == Severity.UNKNOWN && !word.equalsIgnoreCase("unknown")) {
            throw new UserInputException("invalid --severity '" + word.toLowerCase(Locale.ROOT)
                    + "' (negligible, low, medium, high, critical, unknown; one level means that level and above, "
                    + "a list such as HIGH,CRITICAL means exactly those)");
        }
        return v;
    }
}
