package io.plimsoll.ecosystem.debian;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The licenses a Debian package declares in {@code /usr/share/doc/NAME/copyright}: the short names of DEP-5
 * {@code License:} fields ({@code GPL-2+}, {@code LGPL-2.1}; {@code A or B} gives both), and the
 * {@code /usr/share/common-licenses/NAME} files older free-form copyright files point to.
 */
public final class DebianCopyright {

    private static final Pattern LICENSE_FIELD = Pattern.compile("(?m)^License:[ \\t]*([^\\r\\n]*)$");
    private static final Pattern COMMON_LICENSE = Pattern.compile("/usr/share/common-licenses/([A-Za-z0-9][A-Za-z0-9.+_-]*)");
    private static final Pattern SHORT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_~-]*");
    private static final Pattern OPERATORS = Pattern.compile("\\s+(?:or|and)\\s+|\\s*,\\s*", Pattern.CASE_INSENSITIVE);

    private DebianCopyright() {
    }

    public static List<String> licenses(byte[] copyright) {
        String text = new String(copyright, StandardCharsets.UTF_8);
        Set<String> out = new TreeSet<>();
        Matcher m = LICENSE_FIELD.matcher(text);
        while (m.find()) {
            String value = m.group(1).strip();
            for (String part : OPERATORS.split(value)) {
                String p = part.strip().replaceAll("\\s+with\\s+.*$", "");
                // a field whose first line is prose ("Permission is hereby granted…") names no license
                if (SHORT_NAME.matcher(p).matches()) {
                    out.add(p);
                }
            }
        }
        Matcher c = COMMON_LICENSE.matcher(text);
        while (c.find()) {
            String name = c.group(1).replaceAll("[.]+$", "");
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }
}
