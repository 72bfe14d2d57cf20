package io.plimsoll.ecosystem.alpine;

import io.plimsoll.ecosystem.ReleaseFile;
import io.plimsoll.ecosystem.ReleaseSupplement;
import io.plimsoll.ecosystem.distro.ReleaseFiles;
import io.plimsoll.model.Distro;
import java.util.List;
import java.util.Optional;

/** {@code /etc/alpine-release}: just the version, e.g. {@code 3.19.1}; it also fills a VERSION_ID os-release lacks. */
final class AlpineReleaseFile {

    static final String PATH = "/etc/alpine-release";

    static final ReleaseFile FILE = ReleaseFile.of(PATH, 20, AlpineReleaseFile::distro);

    static final ReleaseSupplement SUPPLEMENT = (d, files) -> d.versionId().isEmpty()
            ? new Distro(d.id(), files.apply(PATH).flatMap(AlpineReleaseFile::distro).map(Distro::versionId)
                    .orElse(""), d.codename(), d.prettyName(), d.cpe(), d.idLike())
            : d;

    private AlpineReleaseFile() {
    }

    static Optional<Distro> distro(byte[] content) {
        String version = ReleaseFiles.firstLine(content);
        if (version.isEmpty() || !(Character.isDigit(version.charAt(0)) || version.startsWith("edge"))) {
            return Optional.empty();
        }
        return Optional.of(new Distro("alpine", version, "", "Alpine Linux " + version, "", List.of()));
    }
}
