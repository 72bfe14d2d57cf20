package io.plimsoll.ecosystem.alpine;

import io.plimsoll.ecosystem.alpine.ApkVersionTokens.Type;
import io.plimsoll.model.version.VersionScheme;

import java.util.Objects;

/**
 * Alpine package versions, ordered exactly as apk-tools 3 orders them ({@code apk version -t}).
 *
 * <p>Versions are compared token by token: numbers by value (but a later component with a leading zero
 * compares as text, as Gentoo does), a single letter after the digits, then suffixes where
 * {@code _alpha < _beta < _pre < _rc < (none) < _cvs < _svn < _git < _hg < _p}, then a {@code ~commit} hash,
 * then the {@code -rN} package revision. So {@code 1.2.3_rc1 < 1.2.3 < 1.2.3-r1 < 1.2.3_p1}: a revision only
 * repackages 1.2.3, while {@code _p1} is a later upstream release.
 */
public final class ApkVersionScheme implements VersionScheme {

    public static final String NAME = "apk";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int compare(String a, String b) {
        ApkVersionTokens x = new ApkVersionTokens(Objects.requireNonNull(a, "a"));
        ApkVersionTokens y = new ApkVersionTokens(Objects.requireNonNull(b, "b"));
        while (x.type() == y.type() && x.type().compareTo(Type.END) < 0) {
            int c = compareTokens(x, y);
            if (c != 0) {
                return c;
            }
            x.next();
            y.next();
        }
        if (x.type() == y.type()) {
            return 0;
        }
        // One side ran out or turned to a different kind of token first: the longer version is newer,
        // unless what it goes on with is a pre-release suffix.
        if (x.type() == Type.SUFFIX && x.suffix().isPreRelease()) {
            return -1;
        }
        if (y.type() == Type.SUFFIX && y.suffix().isPreRelease()) {
            return 1;
        }
        return x.type().compareTo(y.type()) > 0 ? -1 : 1;
    }

    @Override
    public boolean isValid(String version) {
        ApkVersionTokens t = new ApkVersionTokens(version);
        while (t.type().compareTo(Type.END) < 0) {
            t.next();
        }
        return t.type() == Type.END;
    }

    /** Two tokens of the same kind. */
    private static int compareTokens(ApkVersionTokens x, ApkVersionTokens y) {
        switch (x.type()) {
            case DIGIT:
                if (x.value().startsWith("0") || y.value().startsWith("0")) {
                    return Integer.signum(x.value().compareTo(y.value()));
                }
                return Long.compareUnsigned(x.number(), y.number());
            case INITIAL_DIGIT:
            case SUFFIX_NO:
            case REVISION_NO:
                return Long.compareUnsigned(x.number(), y.number());
            case SUFFIX:
                return x.suffix().compareTo(y.suffix());
            default:
                // letters and commit hashes: as text
                return Integer.signum(x.value().compareTo(y.value()));
        }
    }
}
