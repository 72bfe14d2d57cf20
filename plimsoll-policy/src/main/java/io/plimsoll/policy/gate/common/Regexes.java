package io.plimsoll.policy.gate.common;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions from rules, compiled once per distinct text (a policy evaluates the same rule over thousands
 * of files or packages). Anchore applies them with Python's {@code re.match}: anchored at the start, not at the end,
 * which is Java's {@link java.util.regex.Matcher#lookingAt()}.
 */
public final class Regexes {

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private Regexes() {
    }

    public static Pattern compile(String regex) {
        return CACHE.computeIfAbsent(regex, Pattern::compile);
    }

    /** Python's {@code re.match(regex, text)}: does the regex match a prefix of the text? */
    public static boolean matchesAtStart(String regex, String text) {
        return compile(regex).matcher(text).lookingAt();
    }

    /** Why {@code regex} does not compile, or empty when it does. */
    public static Optional<String> problem(String param, String regex) {
        try {
            compile(regex);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of(param + ": not a valid regular expression: " + e.getDescription() + " near index "
                    + e.getIndex() + " of '" + regex + "'");
        }
    }
}
