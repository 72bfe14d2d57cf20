package io.plimsoll.ecosystem.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the txtar archives Go projects keep test data in: an optional comment, then members each introduced by
 * a line {@code -- NAME --}. Member text keeps its line endings.
 */
public final class Txtar {

    private Txtar() {
    }

    /** Members by name, in archive order. */
    public static Map<String, String> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, String> members = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("(?<=\n)")) {
            String bare = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            if (bare.startsWith("-- ") && bare.endsWith(" --") && bare.length() > 6) {
                if (name != null) {
                    members.put(name, body.toString());
                }
                name = bare.substring(3, bare.length() - 3).trim();
                body.setLength(0);
            } else if (name != null) {
                body.append(line);
            }
        }
        if (name != null) {
            members.put(name, body.toString());
        }
        return members;
    }
}
