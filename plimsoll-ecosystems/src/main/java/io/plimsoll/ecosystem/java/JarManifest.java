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
        String lastKey = null;
        // line by line up to the main section's end, not a regex split of the whole: a signed jar's manifest lists
        // a digest per entry, hundreds of KB of lines after the few that are read
        int next = 0;
        while (next <= text.length()) {
            int end = next;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String line = text.substring(next, end);
            next = end + (text.startsWith("\r\n", end) ? 2 : 1);
            if (line.isEmpty()) {
                if (!out.isEmpty()) {
                    break; // the main section ends at the first blank line; per-entry sections follow
                }
                continue;
            }
            if (line.charAt(0) == ' ' && lastKey != null) {
                out.put(lastKey, out.get(lastKey) + line.substring(1));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                lastKey = null;
                continue;
            }
            lastKey = line.substring(0, colon).strip();
            // "Name: value": one space separates; anything after it, trailing spaces included, is the value
            String value = line.substring(colon + 1);
            out.put(lastKey, value.startsWith(" ") ? value.substring(1) : value);
        }
        return out;
    }
}
