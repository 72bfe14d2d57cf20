package io.plimsoll.model;

import java.util.List;
import java.util.Locale;

/**
 * The Linux distribution an image is built on, as its release files describe it. How its releases are keyed in the
 * vulnerability data is each distribution's own rule, kept with its ecosystem ({@code Ecosystems.namespaceOf}).
 *
 * @param id         os-release {@code ID} ({@code debian}, {@code rhel}, {@code amzn}, ...), lower case; "" when the
 *                   files name none
 * @param versionId  os-release {@code VERSION_ID} or what older release files give instead; for Debian the point
 *                   release of {@code /etc/debian_version} when it agrees ({@code 12.5}); "" for rolling
 *                   releases and Debian testing/sid
 * @param codename   {@code VERSION_CODENAME} or an equivalent ({@code bookworm}, {@code jammy}); often ""
 * @param prettyName {@code PRETTY_NAME} or the release file's own text
 * @param cpe        {@code CPE_NAME} or {@code /etc/system-release-cpe}; often ""
 * @param idLike     {@code ID_LIKE}: the distributions this one derives from, closest first
 */
public record Distro(String id, String versionId, String codename, String prettyName, String cpe,
                     List<String> idLike) {

    public Distro {
        id = id == null ? "" : id.toLowerCase(Locale.ROOT);
        versionId = orEmpty(versionId);
        codename = orEmpty(codename);
        prettyName = orEmpty(prettyName);
        cpe = orEmpty(cpe);
        idLike = idLike == null ? List.of() : List.copyOf(idLike);
    }

    /**
     * The PURL {@code distro} qualifier as os-release would spell it: {@code debian-12} (Debian's os-release gives
     * the major release, not the point release of debian_version), {@code alpine-3.19.1}, {@code rhel-9.4}.
     */
    public String purlQualifier() {
        String v = id.equals("debian") ? leading(versionId, 1) : versionId;
        return v.isEmpty() ? id : id + "-" + v;
    }

    /** The first {@code parts} dot-separated components of {@code version}. */
    private static String leading(String version, int parts) {
        int end = -1;
        for (int i = 0; i < parts; i++) {
            end = version.indexOf('.', end + 1);
            if (end < 0) {
                return version;
            }
        }
        return version.substring(0, end);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
