package io.plimsoll.ecosystem.npm;

import io.plimsoll.ecosystem.ByteLines;
import io.plimsoll.ecosystem.ParseWarnings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads yarn 1's lockfile, a format of its own (neither YAML nor JSON, so no library reads it): entries start at
 * column 0 with comma-separated descriptors and a colon, fields follow indented two spaces as {@code key value},
 * and {@code dependencies:} and {@code optionalDependencies:} hold {@code name range} pairs indented four. Strings
 * may be double-quoted with JSON-style escapes. One pass over the lines.
 */
final class YarnV1Reader {

    private final ByteLines lines;
    private final ParseWarnings warnings;
    private final List<YarnEntry> entries = new ArrayList<>();

    private List<String> descriptors;
    private int entryLine;
    private String version;
    private String resolved;
    private String integrity;
    private Map<String, String> dependencies;
    private boolean inDependencies;

    private YarnV1Reader(byte[] content, ParseWarnings warnings) {
        this.lines = new ByteLines(content);
        this.warnings = warnings;
    }

    static List<YarnEntry> read(byte[] content, ParseWarnings warnings) {
        return new YarnV1Reader(content, warnings).read();
    }

    private List<YarnEntry> read() {
        while (lines.next()) {
            if (lines.isBlank()) {
                continue;
            }
            int indent = 0;
            while (lines.byteAt(indent) == ' ') {
                indent++;
            }
            if (lines.byteAt(indent) == '#') {
                continue;
            }
            String text = lines.trimmed(lines.start() + indent, lines.end());
            if (indent == 0) {
                header(text);
            } else if (descriptors == null) {
                continue; // inside an entry already reported as broken
            } else if (indent == 2) {
                field(text);
            } else if (indent == 4 && inDependencies) {
                List<String> t = tokens(text);
                if (t.size() >= 2) {
                    dependencies.put(t.get(0), t.get(1));
                }
            }
        }
        finish();
        return entries;
    }

    private void header(String text) {
        finish();
        if (!text.endsWith(":")) {
            warnings.add(lines.number(), "expected an entry such as 'name@range:': skipped");
            return;
        }
        List<String> ds = new ArrayList<>();
        for (String part : splitOutsideQuotes(text.substring(0, text.length() - 1))) {
            List<String> t = tokens(part.trim());
            if (!t.isEmpty()) {
                ds.add(t.get(0));
            }
        }
        descriptors = ds;
        entryLine = lines.number();
        version = "";
        resolved = "";
        integrity = "";
        dependencies = new LinkedHashMap<>();
        inDependencies = false;
    }

    private void field(String text) {
        inDependencies = false;
        List<String> t = tokens(text);
        if (t.size() == 1 && text.endsWith(":")) {
            String section = t.get(0);
            inDependencies = section.equals("dependencies") || section.equals("optionalDependencies");
            return;
        }
        if (t.size() < 2) {
            return;
        }
        switch (t.get(0)) {
            case "version":
                version = t.get(1);
                break;
            case "resolved":
                resolved = t.get(1);
                break;
            case "integrity":
                integrity = t.get(1);
                break;
            default:
                break;
        }
    }

    private void finish() {
        if (descriptors != null) {
            entries.add(new YarnEntry(descriptors, version, resolved, integrity, dependencies, entryLine));
        }
        descriptors = null;
    }

    /** The header's descriptors: split at commas that are not inside double quotes. */
    private static List<String> splitOutsideQuotes(String s) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(s.substring(from, i));
                from = i + 1;
            }
        }
        out.add(s.substring(from));
        return out;
    }

    /** Space-separated tokens, a double-quoted one unescaped; a trailing colon on a bare token is dropped. */
    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>(2);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        i = unescape(s, i + 1, b);
                    } else {
                        b.append(d);
                        i++;
                    }
                }
                i++; // closing quote (or end of a truncated line)
                out.add(b.toString());
            } else {
                int from = i;
                while (i < n && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                    i++;
                }
                String word = s.substring(from, i);
                out.add(word.endsWith(":") && i == n ? word.substring(0, word.length() - 1) : word);
            }
        }
        return out;
    }

    /** Appends the escape at {@code i} (just past the backslash) and returns the index after it. */
    private static int unescape(String s, int i, StringBuilder b) {
        char e = s.charAt(i);
        switch (e) {
            case 'n':
                b.append('\n');
                return i + 1;
            case 't':
                b.append('\t');
                return i + 1;
            case 'u':
                if (i + 5 <= s.length()) {
                    try {
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        return i + 5;
                    } catch (NumberFormatException ignored) {
                        // not an escape after all: keep the text
                    }
                }
                b.append(e);
                return i + 1;
            default:
                b.append(e); // \" \\ \/ and anything else stand for themselves
                return i + 1;
        }
    }
}
