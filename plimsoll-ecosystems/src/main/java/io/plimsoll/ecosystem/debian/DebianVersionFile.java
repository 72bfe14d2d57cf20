package io.plimsoll.ecosystem.debian;

import io.plimsoll.ecosystem.ReleaseFile;
import io.plimsoll.ecosystem.ReleaseSupplement;
import io.plimsoll.ecosystem.distro.ReleaseFiles;
import io.plimsoll.model.Distro;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /etc/debian_version}: a point release ({@code 12.5}) on stable, {@code CODENAME/sid} on testing and
 * unstable. It names Debian by itself only beside a dpkg database (distroless Debian images have no os-release
 * but keep {@code /var/lib/dpkg/status.d}); otherwise it refines what os-release says.
 *
 * @param version  the point release, possibly ""
 * @param codename the testing codename, possibly ""
 */
record DebianVersionFile(String version, String codename) {

    static final String PATH = "/etc/debian_version";

    /** After every named release file and the CPE: a Debian derivative keeps debian_version beside its own. */
    static final ReleaseFile FILE = new ReleaseFile(PATH, 80, DebianVersionFile::distro,
            List.of(DpkgStatusParser.STATUS_D_DIR, DpkgStatusParser.STATUS_FILE));

    private static final DebianVersionFile NONE = new DebianVersionFile("", "");

    /** The point release, when os-release's major agrees, and a codename os-release left out. */
    static final ReleaseSupplement SUPPLEMENT = (d, files) -> {
        DebianVersionFile f = files.apply(PATH).map(DebianVersionFile::parse).orElse(NONE);
        String versionId = d.versionId();
        // The point release is more precise than os-release's major, but only if both are one release.
        if (!f.version().isEmpty() && (versionId.isEmpty() || major(f.version()).equals(major(versionId)))) {
            versionId = f.version();
        }
        String codename = d.codename().isEmpty() ? f.codename() : d.codename();
        return new Distro(d.id(), versionId, codename, d.prettyName(), d.cpe(), d.idLike());
    };

    static DebianVersionFile parse(byte[] content) {
        String text = ReleaseFiles.firstLine(content);
        if (text.isEmpty()) {
            return NONE;
        }
        if (Character.isDigit(text.charAt(0))) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!Character.isDigit(c) && c != '.') {
                    return NONE;
                }
            }
            return new DebianVersionFile(ReleaseFiles.trimDots(text), "");
        }
        int slash = text.indexOf('/');
        String codename = slash < 0 ? text : text.substring(0, slash);
        return new DebianVersionFile("", ReleaseFiles.isWord(codename) ? codename.toLowerCase(Locale.ROOT) : "");
    }

    private static Optional<Distro> distro(byte[] content) {
        DebianVersionFile f = parse(content);
        if (f.version().isEmpty() && f.codename().isEmpty()) {
            return Optional.empty();
        }
        String pretty = "Debian GNU/Linux " + (f.version().isEmpty() ? f.codename() : f.version());
        return Optional.of(new Distro(DebianReleases.FAMILY, f.version(), f.codename(), pretty, "", List.of()));
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }
}
