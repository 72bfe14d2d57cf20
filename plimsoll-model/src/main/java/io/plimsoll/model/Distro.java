package io.plimsoll.model;

import java.util.List;
import java.util.Locale;

/**
 * The Linux distribution an image is built on, as its release files describe it. How its releases are keyed in the
 * vulnerability data and how its PURLs name it are each distribution's own rules, kept with its ecosystem
 * ({@code Ecosystems.namespaceOf}, {@code Ecosystems.purlQualifier}).
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

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
