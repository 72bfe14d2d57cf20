package io.plimsoll.ecosystem.debian;

import java.util.Objects;

/** A file a Debian package owns: its absolute path and, where dpkg recorded one, its md5 ("" when not). */
public record DpkgFile(String path, String md5) {

    public DpkgFile {
        Objects.requireNonNull(path, "path");
        md5 = md5 == null ? "" : md5;
    }
}
