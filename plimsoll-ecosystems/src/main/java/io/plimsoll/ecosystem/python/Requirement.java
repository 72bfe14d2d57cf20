package io.plimsoll.ecosystem.python;

import java.util.ArrayList;
import java.util.List;

/**
 * One requirement line of a requirements file, split by hand (a single forward pass, no backtracking regex):
 * {@code name[extras] specifier [@ url] [; markers] [--hash=… …]}.
 *
 * @param error why the line is not a requirement, or null
 */
record Requirement(String name, List<String> extras, String specifier, String url, String markers, List<String> hashes,
                   String error) {

    private static final String VERSION_CHARS = ".!+_-*";

    static Requirement parse(String line) {
        // Options after the requirement ("--hash=…") begin at whitespace followed by "--".
        String options = "";
        for (int i = 1; i < line.length() - 1; i++) {
            if (line.charAt(i) == '-' && line.charAt(i + 1) == '-' && Character.isWhitespace(line.charAt(i - 1))) {
                options = line.substring(i);
                line = line.substring(0, i).strip();
                break;
            }
        }
        String markers = "";
        int semi = line.indexOf(';');
        if (semi >= 0) {
            markers = line.substring(semi + 1).strip();
            line = line.substring(0, semi).strip();
        }
        int i = 0;
        int n = line.length();
        while (i < n && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            return failed("no package name");
        }
        String name = line.substring(0, i);
        if (!Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
            return failed("package name ends in punctuation");
        }
        i = skipSpace(line, i);
        List<String> extras = new ArrayList<>();
        if (i < n && line.charAt(i) == '[') {
            int close = line.indexOf(']', i);
            if (close < 0) {
                return failed("unclosed [extras]");
            }
            for (String e : line.substring(i + 1, close).split(",")) {
                if (!e.isBlank()) {
                    extras.add(e.strip());
                }
            }
            i = skipSpace(line, close + 1);
        }
        String url = "";
        String spec = line.substring(i);
        int at = spec.indexOf('@');
        if (at >= 0) {
            url = spec.substring(at + 1).strip();
            spec = spec.substring(0, at).strip();
        }
        String error = checkSpecifier(spec);
        if (error != null) {
            return failed(error);
        }
        return new Requirement(name, extras, spec.strip(), url, markers, hashes(options), null);
    }

    /**
     * The version when the specifier pins exactly one ({@code ==1.2} or {@code ===1.2}); null for ranges, wildcards,
     * exclusions and bare names.
     */
    String pinnedVersion() {
        String s = specifier;
        if (s.isEmpty() || s.indexOf(',') >= 0) {
            return null;
        }
        String v;
        if (s.startsWith("===")) {
            v = s.substring(3);
        } else if (s.startsWith("==")) {
            v = s.substring(2);
        } else {
            return null;
        }
        v = v.strip();
        return v.isEmpty() || v.indexOf('*') >= 0 ? null : v;
    }

    /** Null when every comma-separated clause is an operator and a version; otherwise what is wrong. */
    private static String checkSpecifier(String spec) {
        if (spec.isBlank()) {
            return null;
        }
        for (String clause : spec.split(",", -1)) {
            String c = clause.strip();
            int op = 0;
            while (op < c.length() && "<>=!~".indexOf(c.charAt(op)) >= 0) {
                op++;
            }
            if (op == 0) {
                return "expected a version specifier such as ==1.0";
            }
            String version = c.substring(op).strip();
            if (version.isEmpty()) {
                return "no version after " + c.substring(0, op);
            }
            for (int k = 0; k < version.length(); k++) {
                char ch = version.charAt(k);
                if (!Character.isLetterOrDigit(ch) && VERSION_CHARS.indexOf(ch) < 0) {
                    return "not a version: " + version;
                }
            }
        }
        return null;
    }

    private static List<String> hashes(String options) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = options.length();
        while (i < n) {
            i = skipSpace(options, i);
            int start = i;
            while (i < n && !Character.isWhitespace(options.charAt(i))) {
                i++;
            }
            if (options.startsWith("--hash=", start) && i > start + 7) {
                out.add(options.substring(start + 7, i));
            }
        }
        return out;
    }

    private static boolean isNameChar(char c, boolean first) {
        if (c < 128 && Character.isLetterOrDigit(c)) {
            return true;
        }
        return !first && (c == '-' || c == '_' || c == '.');
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static Requirement failed(String why) {
        return new Requirement("", List.of(), "", "", "", List.of(), why);
    }
}
