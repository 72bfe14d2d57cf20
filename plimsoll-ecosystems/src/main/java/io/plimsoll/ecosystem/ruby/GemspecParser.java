package io.plimsoll.ecosystem.ruby;

import io.plimsoll.ecosystem.ByteLines;
import io.plimsoll.ecosystem.PackageDbException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an installed gem's specification ({@code …/specifications/NAME-VERSION.gemspec}), which RubyGems writes as
 * Ruby: {@code Gem::Specification.new do |s| s.name = "rake".freeze; s.version = "13.0.6" … end}. The assignments
 * are read as text and their literals parsed ({@link RubyLiteral}); nothing is evaluated. An assignment may run over
 * several lines while a bracket is open.
 */
final class GemspecParser {

    /** {@code s.name = …}, {@code spec.licenses = […]}: any receiver, the attributes a package needs. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^\\s*\\w+\\.(name|version|licenses|license|authors|homepage|platform|files)\\s*=(?!=)\\s*(.*)$");
    /** {@code #{s.name}}, {@code #{spec.version}}, {@code #{name}}: the interpolations gemspecs use for URLs. */
    private static final Pattern INTERPOLATION = Pattern.compile("#\\{\\s*(?:\\w+\\.)?(name|version)\\s*\\}");

    /** An assignment longer than this is not a generated gemspec's; it is read as it stands (and likely refused). */
    private static final int MAX_STATEMENT = 1 << 20;

    private GemspecParser() {
    }

    /**
     * @param gemDir the directory the gem's files are in ({@code …/gems/NAME-VERSION}), or empty when unknown
     * @throws PackageDbException when the file names no gem with a literal name and version
     */
    static Gem parse(String file, byte[] content, String gemDir) throws PackageDbException {
        Map<String, List<String>> fields = new HashMap<>();
        ByteLines lines = new ByteLines(content);
        StringBuilder statement = null;
        String attribute = null;
        int depth = 0;
        while (lines.next()) {
            String line = lines.line();
            if (statement != null) {
                statement.append(' ').append(line);
            } else {
                Matcher m = ASSIGNMENT.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                attribute = m.group(1);
                statement = new StringBuilder(m.group(2));
                line = m.group(2);
            }
            // only the new line is scanned, so a long array costs linear time
            depth += openBrackets(line);
            if (depth > 0 && statement.length() < MAX_STATEMENT) {
                continue; // a literal array spread over lines: read on
            }
            // the first literal assignment wins; "license" is the one-license form of "licenses"
            String key = attribute.equals("license") ? "licenses" : attribute;
            if (!fields.containsKey(key)) {
                try {
                    RubyLiteral.values(statement.toString()).ifPresent(v -> fields.put(key, v));
                } catch (RubyLiteral.TooDeep e) {
                    // RubyGems never writes this; a file crafted to overflow the stack is not read further
                    throw new PackageDbException(file, "line " + lines.number() + ": s." + attribute + ": " + e.getMessage());
                }
            }
            statement = null;
            depth = 0;
        }
        String name = first(fields.get("name"));
        String version = first(fields.get("version"));
        if (!Gem.validName(name) || version.isEmpty()) {
            throw new PackageDbException(file, "no gem name and version written as literals");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        List<String> authors = fields.getOrDefault("authors", List.of());
        if (!authors.isEmpty()) {
            meta.put("authors", String.join(", ", authors));
        }
        String homepage = homepage(first(fields.get("homepage")), name, version);
        if (!homepage.isEmpty()) {
            meta.put("homepage", homepage);
        }
        List<String> files = new ArrayList<>();
        if (!gemDir.isEmpty()) {
            for (String f : fields.getOrDefault("files", List.of())) {
                if (!f.isEmpty() && !f.startsWith("/") && !f.contains("..")) {
                    files.add(gemDir + "/" + f);
                }
            }
        }
        return new Gem(name, version, first(fields.get("platform")), fields.getOrDefault("licenses", List.of()), files, meta);
    }

    /** Square brackets a line opens and does not close, outside string literals (enough for generated specs). */
    private static int openBrackets(CharSequence s) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '#') {
                break; // a comment to the end of the line
            }
        }
        return depth;
    }

    /**
     * A homepage with {@code #{s.name}} and {@code #{s.version}} filled in from the gem itself, as Ruby would; one
     * with any other interpolation is dropped rather than reported as a URL with braces in it.
     */
    private static String homepage(String raw, String name, String version) {
        String h = INTERPOLATION.matcher(raw).replaceAll(m -> m.group(1).equals("name") ? name : version);
        return h.contains("#{") ? "" : h;
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? "" : values.get(0).trim();
    }
}
