package io.plimsoll.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.plimsoll.policy.gate.common.Regexes;

/**
 * Anchore's pattern matching for mapping selectors, trusted/denied images and allowlist trigger ids: {@code *}
 * matches any run of characters (anywhere in the value, the whole value must match), everything else is literal; a
 * pattern starting {@code regexp:} is a regular expression matched from the start of the value (as Anchore's
 * {@code re.match} does), in RE2 syntax ({@link Regexes}: linear-time). Compiled once, matched many times.
 */
public final class Wildcard {

    public static final String REGEXP_PREFIX = "regexp:";

    private final String pattern;
    private final Pattern regex;      // null when the pattern is a literal
    private final boolean anchoredStartOnly;

    private Wildcard(String pattern, Pattern regex, boolean anchoredStartOnly) {
        this.pattern = pattern;
        this.regex = regex;
        this.anchoredStartOnly = anchoredStartOnly;
    }

    /** @throws IllegalArgumentException for a {@code regexp:} pattern that does not compile, with the reason */
    public static Wildcard of(String pattern) {
        String p = pattern == null ? "*" : pattern;
        if (p.strip().startsWith(REGEXP_PREFIX)) {
            String body = p.strip().substring(REGEXP_PREFIX.length());
            try {
                return new Wildcard(p, Regexes.compile(body), true);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + p + "' is " + Regexes.reason(e, body));
            }
        }
        if (p.indexOf('*') < 0) {
            return new Wildcard(p, null, false);
        }
        StringBuilder re = new StringBuilder();
        int start = 0;
        for (int star = p.indexOf('*'); star >= 0; star = p.indexOf('*', start)) {
            if (star > start) {
                re.append(Pattern.quote(p.substring(start, star)));
            }
            re.append(".*");
            start = star + 1;
        }
        if (start < p.length()) {
            re.append(Pattern.quote(p.substring(start)));
        }
        return new Wildcard(p, Regexes.compile(re.toString(), Pattern.DOTALL), false);
    }

    public static boolean matches(String pattern, String value) {
        return of(pattern).matches(value);
    }

    public boolean matches(String value) {
        if (value == null) {
            return false;
        }
        if (regex == null) {
            return pattern.equals(value);
        }
        return anchoredStartOnly ? regex.matcher(value).lookingAt() : regex.matcher(value).matches();
    }

    /** True when the pattern has no wildcard and no regexp: equality is enough (lets callers index by key). */
    public boolean isLiteral() {
        return regex == null;
    }

    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
