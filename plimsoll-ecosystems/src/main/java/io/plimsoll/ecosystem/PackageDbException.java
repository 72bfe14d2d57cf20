package io.plimsoll.ecosystem;

import java.io.IOException;
import java.util.Objects;

/**
 * A package database file held nothing usable: not one package could be read from it. Parsers throw only this,
 * and only then; a file with some readable packages gives them plus warnings instead.
 */
public class PackageDbException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String reason;

    public PackageDbException(String file, String reason) {
        super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(reason, "reason"));
        this.file = file;
        this.reason = reason;
    }

    /** The file as the caller named it (an absolute path inside the image). */
    public String file() {
        return file;
    }

    /** Why nothing could be read, without the file name. */
    public String reason() {
        return reason;
    }
}
