package io.plimsoll.ecosystem.redhat;

import io.plimsoll.vuln.FeedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code changes.csv} and {@code deletions.csv}: one {@code "2024/cve-2024-0002.json","2025-12-10T10:00:00+00:00"}
 * line per document changed or deleted since the latest archive was built.
 */
final class VexChanges {

    /** One line: a document path below the base URL and when it changed. */
    record Entry(String path, Instant time) {
    }

    /** Documents live at {@code YYYY/cve-YYYY-NNNN.json}; anything else could point outside the feed. */
    private static final Pattern PATH = Pattern.compile("\\d{4}/[A-Za-z0-9._-]+\\.json");

    private VexChanges() {
    }

    static List<Entry> read(String source, String name, Path file) throws FeedException {
        List<Entry> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String l = line.strip();
                if (n == 1 && l.startsWith("\uFEFF")) {
                    l = l.substring(1);
                }
                if (l.isEmpty()) {
                    continue;
                }
                if (n == 1 && l.startsWith("<")) {
                    throw new FeedException(source, name, "expected CSV but got an HTML page (a proxy, captive portal or error page?)");
                }
                out.add(entry(source, name, n, l));
            }
        } catch (FeedException e) {
            throw e;
        } catch (IOException e) {
            throw new FeedException(source, name, "cannot read: " + e.getMessage(), e);
        }
        return out;
    }

    private static Entry entry(String source, String name, int n, String line) throws FeedException {
        int comma = line.lastIndexOf(',');
        if (comma < 0) {
            throw new FeedException(source, name, "line " + n + ": expected \"path\",\"timestamp\" but got " + shorten(line));
        }
        String path = unquote(line.substring(0, comma));
        String time = unquote(line.substring(comma + 1));
        if (!PATH.matcher(path).matches()) {
            throw new FeedException(source, name, "line " + n + ": not a VEX document path: " + shorten(path));
        }
        try {
            return new Entry(path, OffsetDateTime.parse(time).toInstant());
        } catch (DateTimeParseException e) {
            throw new FeedException(source, name, "line " + n + ": not an ISO 8601 timestamp: " + shorten(time));
        }
    }

    private static String unquote(String s) {
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
