package io.plimsoll.ecosystem.ubuntu;

import io.plimsoll.ecosystem.ReleaseFile;
import io.plimsoll.ecosystem.ReleaseSupplement;
import io.plimsoll.ecosystem.distro.OsRelease;
import io.plimsoll.ecosystem.distro.ReleaseFiles;
import io.plimsoll.model.Distro;

/** {@code /etc/lsb-release}: all Ubuntu before 12.04 has, and where a codename os-release lacks is found. */
final class LsbReleaseFile {

    static final String PATH = "/etc/lsb-release";

    /** The most specific file: tried first. */
    static final ReleaseFile FILE = ReleaseFile.of(PATH, 10, ReleaseFiles::fromLsbRelease);

    static final ReleaseSupplement SUPPLEMENT = (d, files) -> d.codename().isEmpty()
            ? new Distro(d.id(), d.versionId(), files.apply(PATH).map(OsRelease::parse)
                    .map(v -> v.getOrDefault("DISTRIB_CODENAME", "").trim()).orElse(""), d.prettyName(), d.cpe(),
                    d.idLike())
            : d;

    private LsbReleaseFile() {
    }
}
