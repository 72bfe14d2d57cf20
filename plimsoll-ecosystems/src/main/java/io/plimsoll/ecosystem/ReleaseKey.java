package io.plimsoll.ecosystem;

import io.plimsoll.model.Distro;

/**
 * How a distribution's releases are keyed in the vulnerability data: the part of its namespace after
 * {@code family:}, from what the image's release files say; "" when they name no release.
 */
@FunctionalInterface
public interface ReleaseKey {

    /** Per major release: {@code rhel:9} for 9.3, as enterprise distributions publish their security data. */
    ReleaseKey MAJOR = d -> leading(d.versionId(), 1);

    /** Per major.minor: {@code ubuntu:22.04} for 22.04.3. */
    ReleaseKey MAJOR_MINOR = d -> leading(d.versionId(), 2);

    /** Rolling releases: one namespace whatever the snapshot date in VERSION_ID. */
    ReleaseKey ROLLING = d -> "rolling";

    /** VERSION_ID as written: {@code amzn:2018.03}, {@code sles:15.5}; also what an unregistered distro gets. */
    ReleaseKey AS_WRITTEN = Distro::versionId;

    String release(Distro distro);

    /** The first {@code parts} dot-separated components of {@code version}. */
    static String leading(String version, int parts) {
        int end = -1;
        for (int i = 0; i < parts; i++) {
            end = version.indexOf('.', end + 1);
            if (end < 0) {
                return version;
            }
        }
        return version.substring(0, end);
    }
}
