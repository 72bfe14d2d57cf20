package io.plimsoll.vuln.store;

import java.io.IOException;
import java.nio.file.Path;

/** The vulnerability database file is missing, corrupt, from another schema version, or cannot be written. */
public class StoreException extends IOException {

    private final Path file;

    public StoreException(Path file, String reason) {
        this(file, reason, null);
    }

    public StoreException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
