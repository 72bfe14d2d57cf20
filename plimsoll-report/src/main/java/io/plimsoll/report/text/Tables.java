package io.plimsoll.report.text;

import java.io.PrintWriter;
import java.util.List;

/** Left-aligned columns, two spaces apart, as people read terminal tables. */
public final class Tables {

    private Tables() {
    }

    public static void print(PrintWriter out, List<String[]> rows, String indent) {
        int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < r.length - 1; i++) {
                widths[i] = Math.max(widths[i], visibleLength(r[i]));
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder(indent);
            for (int i = 0; i < r.length; i++) {
                sb.append(r[i]);
                if (i < r.length - 1) {
                    sb.append(" ".repeat(widths[i] - visibleLength(r[i]) + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** The width a cell takes on a terminal: colour escape sequences take none. */
    public static int visibleLength(String cell) {
        return cell.indexOf('\u001b') < 0 ? cell.length() : cell.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }

    /** A severity word in its terminal colour: red for critical and high, yellow medium, cyan low, dim otherwise. */
    public static String severity(io.plimsoll.vuln.Severity s, boolean colour) {
        if (!colour) {
            return s.label();
        }
        String code = switch (s) {
            case CRITICAL -> "1;31";
            case HIGH -> "31";
            case MEDIUM -> "33";
            case LOW -> "36";
            default -> "2";
        };
        return "\u001b[" + code + "m" + s.label() + "\u001b[0m";
    }
}
