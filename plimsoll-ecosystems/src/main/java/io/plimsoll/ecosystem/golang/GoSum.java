package io.plimsoll.ecosystem.golang;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The checksums of a go.sum: {@code path version h1:...} per module, {@code path version/go.mod h1:...} for its
 * go.mod alone. Only the module checksums are kept; lines that do not have that shape are skipped (go.sum is only
 * ever used here to add a digest to a package go.mod already names).
 */
final class GoSum {

    private GoSum() {
    }

    /** {@code "path version"} → {@code h1:} checksum. */
    static Map<String, String> parse(byte[] content) {
        Map<String, String> out = new HashMap<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && !f[1].endsWith("/go.mod") && f[2].startsWith("h1:")) {
                out.putIfAbsent(key(f[0], f[1]), f[2]);
            }
        }
        return out;
    }

    static String key(String path, String version) {
        return path + " " + version;
    }
}
