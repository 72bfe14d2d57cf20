package io.plimsoll.policy.gate.common;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Regular expressions from policy rules and mappings, compiled once per distinct text (a policy evaluates the same
 * rule over thousands of files or packages). They run on RE2/J, whose matching time is linear in the text: a
 * policy's regex is applied to paths, tags and instructions an image's author wrote, and any account of a server
 * may upload a bundle, so with a backtracking engine a regex like {@code (a|a)*b} over a crafted path would hang a
 * scan or the server. RE2 has no lookaround and no backreferences (no bundle we know of uses them); such a regex is
 * refused with that reason. The content scan's named regexes ({@code content.ContentRegex}) are the operator's own
 * settings and keep Java's engine, since Anchore's defaults use lookaround. Anchore applies rule regexes with
 * Python's {@code re.match}: anchored at the start, not at the end, which is {@code Matcher.lookingAt()}.
 */
public final class Regexes {

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private Regexes() {
    }

    /** @throws PatternSyntaxException when the regex is not RE2 syntax ({@link #problem} says why, for a user) */
    public static Pattern compile(String regex) {
        return CACHE.computeIfAbsent(regex, Pattern::compile);
    }

    /** {@link #compile} with flags ({@link Pattern#DOTALL}, …); not cached. */
    public static Pattern compile(String regex, int flags) {
        return Pattern.compile(regex, flags);
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
            return Optional.of(param + ": " + reason(e, regex));
        }
    }

    /** A one-line reason a regex was refused, saying what RE2 leaves out when that is the cause. */
    public static String reason(PatternSyntaxException e, String regex) {
        String why = e.getDescription();
        boolean unsupported = why.contains("unsupported") || why.contains("invalid escape")
                || regex.contains("(?=") || regex.contains("(?!") || regex.contains("(?<");
        return "not a valid regular expression: " + why + " in '" + regex + "'" + (unsupported
                ? " (lookaround and backreferences are not supported: policy regexes are RE2 syntax, run in linear time)"
                : "");
    }
}
