package io.plimsoll.ecosystem.golang;

import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads go.mod files: the {@code module}, {@code require}, {@code replace} and {@code exclude} directives, each in
 * its one-line or its block ({@code require ( ... )}) form, with {@code //} comments (an {@code indirect} comment marks
 * an indirect requirement). The other directives ({@code go}, {@code toolchain}, {@code retract}, {@code godebug},
 * {@code tool}, {@code ignore}) say nothing about versions and are skipped.
 *
 * <p>An unknown directive or an unclosed block makes the whole file invalid, as it does for Go itself (which refuses
 * to build with it); a malformed line inside a known directive is skipped with a warning.
 */
public final class GoModParser {

    private static final Set<String> IGNORED = Set.of("go", "toolchain", "retract", "godebug", "tool", "ignore");
    private static final Set<String> KNOWN = Set.of("module", "require", "replace", "exclude");

    private GoModParser() {
    }

    /** One line's tokens, and the text of its {@code //} comment (empty if none). */
    private record Line(List<String> tokens, String comment) {
    }

    /**
     * @return the file's directives in a one-element list, with warnings
     * @throws PackageDbException when the file is not a valid go.mod
     */
    public static ParseResult<GoModFile> parse(String file, byte[] content) throws PackageDbException {
        ParseWarnings warnings = new ParseWarnings(file);
        String module = "";
        List<GoModFile.Require> requires = new ArrayList<>();
        List<GoModFile.Replace> replaces = new ArrayList<>();
        List<GoModule> excludes = new ArrayList<>();
        String block = null;
        int blockStart = 0;
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int no = i + 1;
            Line line = tokens(lines[i]);
            if (line == null) {
                warnings.add(no, "unterminated quoted string");
                continue;
            }
            List<String> t = line.tokens();
            if (t.isEmpty()) {
                continue;
            }
            String verb;
            List<String> args;
            if (block != null) {
                if (t.equals(List.of(")"))) {
                    block = null;
                    continue;
                }
                verb = block;
                args = t;
            } else {
                verb = t.get(0);
                args = t.subList(1, t.size());
                if (!KNOWN.contains(verb) && !IGNORED.contains(verb)) {
                    throw new PackageDbException(file, "unknown directive '" + verb + "' at line " + no);
                }
                if (args.equals(List.of("("))) {
                    block = verb;
                    blockStart = no;
                    continue;
                }
            }
            switch (verb) {
                case "module" -> {
                    if (args.size() == 1) {
                        module = args.get(0);
                    } else {
                        warnings.add(no, "module directive not understood");
                    }
                }
                case "require" -> {
                    if (args.size() == 2) {
                        requires.add(new GoModFile.Require(args.get(0), args.get(1), isIndirect(line.comment())));
                    } else {
                        warnings.add(no, "require line not understood");
                    }
                }
                case "exclude" -> {
                    if (args.size() == 2) {
                        excludes.add(new GoModule(args.get(0), args.get(1), "", null));
                    } else {
                        warnings.add(no, "exclude line not understood");
                    }
                }
                case "replace" -> {
                    GoModFile.Replace r = replace(args);
                    if (r == null) {
                        warnings.add(no, "replace line not understood");
                    } else {
                        replaces.add(r);
                    }
                }
                default -> { } // directives that do not concern versions
            }
        }
        if (block != null) {
            throw new PackageDbException(file, "'" + block + " (' at line " + blockStart + " is never closed");
        }
        return new ParseResult<>(List.of(new GoModFile(module, requires, replaces, excludes)), warnings.toList());
    }

    /** {@code old [v] => new [v]}; a replacement without a version must be a directory. */
    private static GoModFile.Replace replace(List<String> a) {
        int arrow = a.indexOf("=>");
        if (arrow < 1 || arrow > 2 || a.size() - arrow - 1 < 1 || a.size() - arrow - 1 > 2) {
            return null;
        }
        String oldVersion = arrow == 2 ? a.get(1) : "";
        String newPath = a.get(arrow + 1);
        String newVersion = a.size() - arrow - 1 == 2 ? a.get(arrow + 2) : "";
        if (newVersion.isEmpty() && !(newPath.startsWith(".") || newPath.startsWith("/"))) {
            return null; // a module replacement needs a version
        }
        return new GoModFile.Replace(a.get(0), oldVersion, newPath, newVersion);
    }

    /** Go marks indirect requirements with a comment that is, or starts with, {@code indirect}. */
    private static boolean isIndirect(String comment) {
        String c = comment.strip();
        return c.equals("indirect") || c.startsWith("indirect;");
    }

    /** Splits a line into words, quoted strings, {@code (}, {@code )} and {@code =>}; null if a quote is unclosed. */
    private static Line tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("//", i)) {
                return new Line(out, s.substring(i + 2));
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '"' || c == '`') {
                int n = GoQuoted.prefixLength(s.substring(i));
                String v = n < 0 ? null : GoQuoted.unquote(s.substring(i, i + n));
                if (v == null) {
                    return null;
                }
                out.add(v);
                i += n;
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '('
                        && s.charAt(i) != ')' && !s.startsWith("//", i)) {
                    i++;
                }
                out.add(s.substring(start, i));
            }
        }
        return new Line(out, "");
    }
}
