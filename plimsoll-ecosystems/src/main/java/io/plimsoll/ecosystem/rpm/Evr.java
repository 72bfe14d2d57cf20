package io.plimsoll.ecosystem.rpm;

import java.util.Objects;

/**
 * An rpm {@code [epoch:]version[-release]} split as rpm splits it (rpmverParse): the epoch is the leading digits
 * when a colon follows them, the release is whatever follows the last hyphen.
 *
 * @param epoch   the epoch as written ({@code "0"} for a bare leading colon), or null when there is none
 * @param version never null
 * @param release the text after the last hyphen, or null when there is no hyphen
 */
public record Evr(String epoch, String version, String release) {

    public Evr {
        Objects.requireNonNull(version, "version");
    }

    public static Evr parse(String evr) {
        int digits = 0;
        while (digits < evr.length() && isDigit(evr.charAt(digits))) {
            digits++;
        }
        String epoch = null;
        String rest = evr;
        if (digits < evr.length() && evr.charAt(digits) == ':') {
            epoch = digits == 0 ? "0" : evr.substring(0, digits);
            rest = evr.substring(digits + 1);
        }
        int hyphen = rest.lastIndexOf('-');
        if (hyphen < 0) {
            return new Evr(epoch, rest, null);
        }
        return new Evr(epoch, rest.substring(0, hyphen), rest.substring(hyphen + 1));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
