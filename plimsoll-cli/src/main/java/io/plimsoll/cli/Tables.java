package io.plimsoll.cli;

import java.io.PrintWriter;
import java.util.List;

/** Left-aligned columns, two spaces apart, as people read terminal tables. */
final class Tables {

    private Tables() {
    }

    static void print(PrintWriter out, List<String[]> rows, String indent) {
        int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < r.length - 1; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder(indent);
            for (int i = 0; i < r.length; i++) {
                sb.append(r[i]);
                if (i < r.length - 1) {
                    sb.append(" ".repeat(widths[i] - r[i].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
