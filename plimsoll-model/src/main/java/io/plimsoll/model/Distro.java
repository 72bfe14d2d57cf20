package io.plimsoll.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Linux distribution an image is built on, as its release files describe it.
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

    /** Enterprise distributions whose security data is per major release: {@code rhel:9}, not {@code rhel:9.3}. */
    private static final Set<String> MAJOR_ONLY = Set.of(
            "rhel", "centos", "rocky", "almalinux", "ol", "scientific", "fedora", "debian");

    /** Per major.minor: {@code alpine:3.19} for 3.19.1, {@code ubuntu:22.04}. */
    private static final Set<String> MAJOR_MINOR = Set.of("alpine", "ubuntu", "mariner", "azurelinux");

    /** Rolling releases: one namespace whatever the snapshot date in VERSION_ID. */
    private static final Set<String> ROLLING = Set.of("wolfi", "chainguard", "opensuse-tumbleweed");

    /** Debian's codenames, for testing/sid images whose release files carry a codename and no number. */
    private static final Map<String, String> DEBIAN_RELEASES = Map.ofEntries(
            Map.entry("etch", "4"), Map.entry("lenny", "5"), Map.entry("squeeze", "6"), Map.entry("wheezy", "7"),
            Map.entry("jessie", "8"), Map.entry("stretch", "9"), Map.entry("buster", "10"),
            Map.entry("bullseye", "11"), Map.entry("bookworm", "12"), Map.entry("trixie", "13"),
            Map.entry("forky", "14"), Map.entry("duke", "15"));

    /** The families {@link #namespace()} knows, for an os-release that has ID_LIKE but no ID. */
    private static final Set<String> KNOWN = Set.of("rhel", "centos", "rocky", "almalinux", "ol", "scientific",
            "fedora", "debian", "alpine", "ubuntu", "mariner", "azurelinux", "wolfi", "chainguard",
            "opensuse-tumbleweed", "opensuse-leap", "sles", "amzn", "photon");

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

    /**
     * The key vulnerability feeds are grouped by, {@code family:release}: {@code debian:12}, {@code ubuntu:22.04},
     * {@code alpine:3.19} (major.minor), {@code rhel:9} (major only for RHEL and its rebuilds, Fedora and
     * Debian), {@code amzn:2023}, {@code sles:15.5}, {@code wolfi:rolling}. Alpine's development branch is
     * {@code alpine:edge}; Debian testing is keyed by the number its codename will get ({@code debian:13} for
     * trixie) and a bare sid by {@code debian:unstable}. The family is the distribution's own ID: mapping a
     * rebuild onto its parent's feed ({@code rocky} onto {@code rhel}) is the matcher's call, with
     * {@link #idLike()} to go on. Without an ID the first known {@code ID_LIKE} stands in. With no release to
     * go on the key is the family alone ({@code arch}), and "" when even that is unknown.
     */
    public String namespace() {
        String family = family();
        if (family.isEmpty()) {
            return "";
        }
        String release = release(family);
        return release.isEmpty() ? family : family + ":" + release;
    }

    private String family() {
        if (!id.isEmpty()) {
            return id;
        }
        for (String like : idLike) {
            String l = like.toLowerCase(Locale.ROOT);
            if (KNOWN.contains(l)) {
                return l;
            }
        }
        return "";
    }

    private String release(String family) {
        if (ROLLING.contains(family)) {
            return "rolling";
        }
        if (family.equals("alpine") && isAlpineEdge()) {
            return "edge";
        }
        if (family.equals("debian") && versionId.isEmpty()) {
            String c = codename.toLowerCase(Locale.ROOT);
            if (c.equals("sid")) {
                return "unstable";
            }
            return DEBIAN_RELEASES.getOrDefault(c, c);
        }
        if (MAJOR_ONLY.contains(family)) {
            return leading(versionId, 1);
        }
        if (MAJOR_MINOR.contains(family)) {
            return leading(versionId, 2);
        }
        return versionId;
    }

    /** Edge reports the next release as an alpha ({@code 3.19_alpha20230901}) and says "edge" in its name. */
    private boolean isAlpineEdge() {
        return versionId.contains("_alpha") || prettyName.toLowerCase(Locale.ROOT).endsWith(" edge")
                || versionId.equals("edge");
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
