package io.plimsoll.ecosystem.distro;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.model.Distro;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the release-file formats several distributions share (os-release, lsb-release, {@code NAME release VERSION}
 * text, system-release-cpe, a BusyBox banner) into a {@link Distro}; empty when a file says nothing usable. Which
 * product name, CPE vendor or parent stands for which distribution is each distribution's own hint, asked of
 * {@link Ecosystems}.
 */
public final class ReleaseFiles {

    private ReleaseFiles() {
    }

    static Optional<Distro> fromOsRelease(Map<String, String> v) {
        if (blank(v.get("ID")) && blank(v.get("ID_LIKE")) && blank(v.get("VERSION_ID")) && blank(v.get("NAME"))
                && blank(v.get("PRETTY_NAME"))) {
            return Optional.empty();
        }
        String id = v.getOrDefault("ID", "").trim().toLowerCase(Locale.ROOT);
        String codename = firstSet(v.get("VERSION_CODENAME"), v.get("UBUNTU_CODENAME"));
        if (codename.isEmpty() && Ecosystems.family(id).map(DistroFamily::codenameInVersion).orElse(false)) {
            codename = parenthesisedWord(v.getOrDefault("VERSION", ""));
        }
        String pretty = firstSet(v.get("PRETTY_NAME"), v.get("NAME"));
        return Optional.of(new Distro(id, v.getOrDefault("VERSION_ID", "").trim(), codename, pretty,
                v.getOrDefault("CPE_NAME", "").trim(), words(v.getOrDefault("ID_LIKE", ""))));
    }

    /** {@code /etc/lsb-release}: Ubuntu before 12.04 has only this. */
    public static Optional<Distro> fromLsbRelease(byte[] content) {
        return fromLsbRelease(OsRelease.parse(content));
    }

    static Optional<Distro> fromLsbRelease(Map<String, String> v) {
        String id = v.getOrDefault("DISTRIB_ID", "").trim();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Distro(id.toLowerCase(Locale.ROOT).replace(' ', '-'),
                v.getOrDefault("DISTRIB_RELEASE", "").trim(), v.getOrDefault("DISTRIB_CODENAME", "").trim(),
                v.getOrDefault("DISTRIB_DESCRIPTION", "").trim(), "", List.of()));
    }

    /**
     * {@code /etc/redhat-release} and its kin: {@code NAME release VERSION [(CODENAME)]}, e.g.
     * {@code CentOS release 5.7 (Final)} or {@code Amazon Linux AMI release 2018.03}.
     */
    public static Optional<Distro> fromReleaseText(byte[] content) {
        String line = firstLine(content);
        int at = line.toLowerCase(Locale.ROOT).indexOf(" release ");
        if (at <= 0) {
            return Optional.empty();
        }
        String name = line.substring(0, at).trim();
        String rest = line.substring(at + " release ".length()).trim();
        int v = 0;
        while (v < rest.length() && (Character.isDigit(rest.charAt(v)) || rest.charAt(v) == '.')) {
            v++;
        }
        String version = trimDots(rest.substring(0, v));
        if (version.isEmpty()) {
            return Optional.empty();
        }
        String id = idForName(name);
        List<String> like = likeOf(id);
        // The word in parentheses ("Ootpa", "Final") is left out: os-release of the same release has no codename.
        return Optional.of(new Distro(id, version, "", line, "", like));
    }

    /** {@code /etc/system-release-cpe}: {@code cpe:/o:centos:linux:6:GA} or CPE 2.3 {@code cpe:2.3:o:...}. */
    static Optional<Distro> fromCpe(byte[] content) {
        String cpe = firstLine(content);
        if (!cpe.startsWith("cpe:")) {
            return Optional.empty();
        }
        String[] parts = cpe.split(":");
        int vendor = parts.length > 1 && parts[1].startsWith("/") ? 2 : 3;
        if (parts.length <= vendor + 2) {
            return Optional.empty();
        }
        String version = parts[vendor + 2];
        if (version.isEmpty() || !Character.isDigit(version.charAt(0))) {
            return Optional.empty();
        }
        String v = parts[vendor].toLowerCase(Locale.ROOT);
        String id = Ecosystems.idForCpeVendor(v).orElse(v);
        List<String> like = likeOf(id);
        return Optional.of(new Distro(id, version, "", "", cpe, like));
    }

    /** The version in a BusyBox binary's banner ({@code BusyBox v1.36.1 (...)}), for images that are only that. */
    static Optional<Distro> fromBusyBox(byte[] binary) {
        byte[] marker = "BusyBox v".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + marker.length < binary.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (binary[i + j] != marker[j]) {
                    continue outer;
                }
            }
            int start = i + marker.length;
            int end = start;
            while (end < binary.length && (Character.isDigit(binary[end]) || binary[end] == '.')) {
                end++;
            }
            String version = trimDots(new String(binary, start, end - start, StandardCharsets.US_ASCII));
            if (!version.isEmpty()) {
                return Optional.of(new Distro("busybox", version, "", "BusyBox v" + version, "", List.of()));
            }
        }
        return Optional.empty();
    }

    private static String idForName(String name) {
        return Ecosystems.idForReleaseName(name).orElseGet(() -> {
            int space = name.indexOf(' ');
            return (space < 0 ? name : name.substring(0, space)).toLowerCase(Locale.ROOT);
        });
    }

    /** A rebuild's parent as {@code ID_LIKE}, for files that do not say it themselves. */
    private static List<String> likeOf(String id) {
        return Ecosystems.family(id).flatMap(DistroFamily::rebuildOf).map(List::of).orElse(List.of());
    }

    /** The first word inside the first parentheses, lower case: "12 (bookworm)" and "(Bionic Beaver)". */
    static String parenthesisedWord(String text) {
        String inside = parenthesised(text);
        int space = inside.indexOf(' ');
        String word = space < 0 ? inside : inside.substring(0, space);
        return isWord(word) ? word.toLowerCase(Locale.ROOT) : "";
    }

    private static String parenthesised(String text) {
        int open = text.indexOf('(');
        int close = open < 0 ? -1 : text.indexOf(')', open);
        return close < 0 ? "" : text.substring(open + 1, close).trim();
    }

    public static boolean isWord(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The first non-blank line, trimmed; "" when none. */
    public static String firstLine(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        for (String line : text.split("\n", 16)) {
            String t = line.trim();
            if (!t.isEmpty()) {
                return t;
            }
        }
        return "";
    }

    public static String trimDots(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (!blank(v)) {
                return v.trim();
            }
        }
        return "";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
