package io.plimsoll.vuln.store;

import io.plimsoll.vuln.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Packs lists into single columns with ASCII separator characters: cheaper to decode on the matching hot path
 * than JSON, and the separators cannot occur in versions, ids or URLs.
 */
final class Codec {

    private static final char RECORD = '\u001e';
    private static final char UNIT = '\u001f';

    private Codec() {
    }

    static String list(List<String> items) {
        return String.join(String.valueOf(RECORD), items);
    }

    static List<String> list(String packed) {
        if (packed == null || packed.isEmpty()) {
            return List.of();
        }
        return List.of(packed.split(String.valueOf(RECORD), -1));
    }

    static String ranges(List<VersionRange> ranges) {
        StringBuilder b = new StringBuilder();
        for (VersionRange r : ranges) {
            if (b.length() > 0) {
                b.append(RECORD);
            }
            b.append(r.introduced().orElse("")).append(UNIT).append(r.fixed().orElse("")).append(UNIT)
                    .append(r.lastAffected().orElse(""));
        }
        return b.toString();
    }

    static List<VersionRange> ranges(String packed) {
        if (packed.isEmpty()) {
            return List.of();
        }
        List<VersionRange> out = new ArrayList<>(2);
        int start = 0;
        while (start <= packed.length()) {
            int end = packed.indexOf(RECORD, start);
            if (end < 0) {
                end = packed.length();
            }
            int u1 = packed.indexOf(UNIT, start);
            int u2 = packed.indexOf(UNIT, u1 + 1);
            out.add(new VersionRange(part(packed, start, u1), part(packed, u1 + 1, u2), part(packed, u2 + 1, end)));
            start = end + 1;
        }
        return out;
    }

    private static Optional<String> part(String s, int from, int to) {
        return from == to ? Optional.empty() : Optional.of(s.substring(from, to));
    }
}
