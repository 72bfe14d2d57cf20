package io.plimsoll.model;

import java.util.List;

/**
 * The operating system an image is built on, as its release files state it.
 *
 * @param id        os-release ID, lowercase ({@code debian}, {@code rhel}, {@code alpine}, …)
 * @param versionId os-release VERSION_ID ({@code 12}, {@code 9.4}, {@code 3.19.1}); empty for rolling releases
 * @param codename  VERSION_CODENAME where given ({@code bookworm})
 * @param cpe       CPE_NAME where given
 * @param idLike    ID_LIKE, the distros this one derives from
 */
public record Distro(String id, String versionId, String codename, String prettyName, String cpe, List<String> idLike) {

    public Distro {
        idLike = List.copyOf(idLike);
    }

    /** {@code debian-12}, the PURL {@code distro} qualifier; just the id when there is no version. */
    public String purlQualifier() {
        return versionId.isEmpty() ? id : id + "-" + versionId;
    }
}
