package io.plimsoll.report.text;

import java.time.Duration;

/** How old data is, as people say it: the largest unit that is at least one (two for days), rounded down. */
public final class Ages {

    private Ages() {
    }

    /** {@code 3 days}, {@code 5 h}, {@code 12 min}, {@code 40 s}. */
    public static String of(Duration d) {
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 1) {
            return d.toHours() + " h";
        }
        if (d.toMinutes() >= 1) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
