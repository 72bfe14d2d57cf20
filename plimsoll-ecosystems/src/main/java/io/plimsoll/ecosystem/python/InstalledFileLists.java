package io.plimsoll.ecosystem.python;

import io.plimsoll.ecosystem.ByteLines;
import io.plimsoll.ecosystem.ParseWarnings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lists of installed files a distribution keeps: a wheel's {@code RECORD} (CSV rows {@code path,hash,size},
 * paths relative to site-packages) and an egg's {@code installed-files.txt} (one path a line, relative to the
 * egg-info directory).
 */
public final class InstalledFileLists {

    private InstalledFileLists() {
    }

    /** The paths of a RECORD, as written; rows that are not three CSV fields are skipped with a warning. */
    public static List<String> record(byte[] content, ParseWarnings warnings) {
        List<String> paths = new ArrayList<>();
        ByteLines lines = new ByteLines(content);
        List<String> fields = new ArrayList<>(3);
        while (lines.next()) {
            if (lines.isBlank()) {
                continue;
            }
            fields.clear();
            if (!splitCsv(lines, fields) || fields.size() != 3 || fields.get(0).isEmpty()) {
                warnings.add(lines.number(), "not a RECORD row (path,hash,size)");
                continue;
            }
            paths.add(fields.get(0));
        }
        return paths;
    }

    /** The paths of an installed-files.txt, as written. */
    public static List<String> installedFiles(byte[] content) {
        List<String> paths = new ArrayList<>();
        ByteLines lines = new ByteLines(content);
        while (lines.next()) {
            String line = lines.line();
            if (!line.isEmpty()) {
                paths.add(line);
            }
        }
        return paths;
    }

    /**
     * Splits one CSV line (RFC 4180 quoting: a field in double quotes may hold commas and doubled quotes), as
     * Python's csv module writes RECORD. False when a quote is left open.
     */
    static boolean splitCsv(ByteLines line, List<String> out) {
        byte[] d = line.data();
        int i = line.start();
        int end = line.end();
        while (true) {
            if (i < end && d[i] == '"') {
                i++;
                int from = i;
                java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
                boolean closed = false;
                while (i < end) {
                    if (d[i] == '"') {
                        if (i + 1 < end && d[i + 1] == '"') {
                            buf.write(d, from, i + 1 - from);
                            i += 2;
                            from = i;
                            continue;
                        }
                        buf.write(d, from, i - from);
                        closed = true;
                        i++;
                        break;
                    }
                    i++;
                }
                if (!closed) {
                    return false;
                }
                out.add(buf.toString(StandardCharsets.UTF_8));
                if (i < end && d[i] != ',') {
                    return false;
                }
            } else {
                int from = i;
                while (i < end && d[i] != ',') {
                    i++;
                }
                out.add(new String(d, from, i - from, StandardCharsets.UTF_8));
            }
            if (i >= end) {
                return true;
            }
            i++; // the comma
            if (i == end) {
                out.add("");
                return true;
            }
        }
    }
}
