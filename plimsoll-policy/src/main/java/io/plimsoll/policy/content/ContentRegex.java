package io.plimsoll.policy.content;

import io.plimsoll.policy.PolicyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A named content regex for the {@code files} gate's {@code content_regex_match} (Anchore's analyzer
 * {@code content_search} entries, which a rule's {@code regex_name} picks). It is run line by line, as Anchore's
 * analyzer does: {@code ^} and {@code $} are the line's ends and a match never spans lines.
 */
public record ContentRegex(String name, Pattern pattern) {

    /** Compiles {@code name → regex} pairs; a bad regex is refused, naming it. */
    public static List<ContentRegex> compile(Map<String, String> regexes) throws PolicyException {
        List<ContentRegex> out = new ArrayList<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(regexes).entrySet()) {
            if (e.getKey().isBlank()) {
                throw new PolicyException("content regex " + e.getValue(), "has no name");
            }
            try {
                out.add(new ContentRegex(e.getKey(), Pattern.compile(e.getValue())));
            } catch (PatternSyntaxException x) {
                throw new PolicyException("content regex " + e.getKey(), "not a valid regular expression: "
                        + x.getDescription() + " near index " + x.getIndex() + " of " + e.getValue());
            }
        }
        return out;
    }

    /**
     * Parses Anchore's analyzer_config form, {@code NAME=regex} (the regex may itself contain {@code =}), as in
     * {@code AWS_ACCESS_KEY=(?i).*aws_access_key_id( *=+ *).*}.
     */
    public static List<ContentRegex> fromAnchoreForm(List<String> entries) throws PolicyException {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new PolicyException("content regex " + entry, "expected NAME=regex");
            }
            map.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return compile(map);
    }
}
