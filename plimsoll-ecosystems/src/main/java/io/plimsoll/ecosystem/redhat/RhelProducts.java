package io.plimsoll.ecosystem.redhat;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Red Hat products' statements describe the packages of a RHEL (or UBI) image, and under which namespace.
 *
 * <p>Only the main RHEL streams count: {@code cpe:/o:redhat:enterprise_linux:9}, {@code …:9::baseos},
 * {@code cpe:/a:redhat:enterprise_linux:8::appstream}, {@code …:9::crb} and, since RHEL 10 names the current
 * minor release, {@code cpe:/o:redhat:enterprise_linux:10.1}. The extended-support streams (EUS, AUS, E4S, TUS,
 * {@code enterprise_linux_eus:10.0}) are left out: they ship older branches with their own fixes and their own
 * "out of support scope" verdicts, and because an image cannot be told apart as EUS or mainline, mixing their
 * rows into {@code rhel:N} would report mainline packages as unfixed where the mainline is fixed. Layered products
 * (OpenShift, Satellite, Software Collections, JBoss, …) ship their own repositories and are not part of a plain
 * RHEL image either.
 */
public final class RhelProducts {

    private static final Pattern MAIN = Pattern.compile("cpe:/[ao]:redhat:enterprise_linux:(\\d{1,3})(?:\\.\\d+)?(?::.*)?");

    private RhelProducts() {
    }

    /** {@code rhel:<major>} for a main RHEL product CPE, empty for anything else. */
    public static Optional<String> namespace(String cpe) {
        if (cpe == null) {
            return Optional.empty();
        }
        Matcher m = MAIN.matcher(cpe.strip());
        return m.matches() ? Optional.of("rhel:" + Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
