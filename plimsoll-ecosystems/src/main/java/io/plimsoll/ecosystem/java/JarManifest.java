package io.plimsoll.ecosystem.java;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main section of a {@code META-INF/MANIFEST.MF}, read leniently: real jars carry manifests that
 * {@link java.util.jar.Manifest} refuses (stray lines, missing values), and a scanner must still read the rest.
 */
public final class JarManifest {

    private JarManifest() {
    }

    /** Attribute names as written, values with continuation lines joined; lines that are not "Name: value" are skipped. */
    public static Map<String, String> mainAttributes(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        // the value being read, continuation lines appended as they come: an OSGi bundle's Export-Package runs to
        // thousands of 72-byte lines, and concatenating each onto the value so far was quadratic
        String key = null;
        StringBuilder value = new StringBuilder();
        // line by line up to the main section's end, not a regex split of the whole: a signed jar's manifest lists
        // a digest per entry, hundreds of KB of lines after the few that are read
        int next = 0;
        while (next <= text.length()) {
            int end = next;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            int start = next;
            next = end + (text.startsWith("\r\n", end) ? 2 : 1);
            if (start == end) {
                if (key != null || !out.isEmpty()) {
                    break; // the main section ends at the first blank line; per-entry sections follow
                }
                continue;
            }
            if (text.charAt(start) == ' ' && key != null) {
                value.append(text, start + 1, end);
                continue;
            }
            key = put(out, key, value);
            int colon = text.indexOf(':', start);
            if (colon <= start || colon >= end) {
                continue;
            }
            key = text.substring(start, colon).strip();
            // "Name: value": one space separates; anything after it, trailing spaces included, is the value
            int from = colon + 1 < end && text.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1;
            value.append(text, from, end);
        }
        put(out, key, value);
        return out;
    }

    /** Ends the value being read, if any: kept under its key (the last of several with one name), then cleared. */
    private static String put(Map<String, String> out, String key, StringBuilder value) {
        if (key != null) {
            out.put(key, value.toString());
        }
        value.setLength(0);
        return null;
    }
}
