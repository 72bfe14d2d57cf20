package io.plimsoll.ecosystem;

import io.plimsoll.model.Distro;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a distribution's own files add to what os-release (or an older file) said: Debian's point release from
 * {@code /etc/debian_version}, an Ubuntu codename from {@code /etc/lsb-release}. The files it reads must be among
 * its family's {@link ReleaseFile}s, so that the walker collects them.
 */
@FunctionalInterface
public interface ReleaseSupplement {

    ReleaseSupplement NONE = (d, files) -> d;

    /**
     * @param files the content of the regular file at an absolute path of the squashed image, empty when none
     */
    Distro supplement(Distro detected, Function<String, Optional<byte[]>> files);
}
