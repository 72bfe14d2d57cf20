package io.plimsoll.ecosystem.alpine;

import java.util.Objects;

/**
 * A file an apk package owns: its absolute path and the checksum apk recorded ({@code Z:}), as written: "Q1" +
 * base64 SHA-1 in current databases, "Q2" + base64 SHA-256 in newer ones, hex md5 in very old ones; "" when
 * none was recorded.
 */
public record ApkFile(String path, String checksum) {

    public ApkFile {
        Objects.requireNonNull(path, "path");
        checksum = checksum == null ? "" : checksum;
    }
}
