package io.plimsoll.catalog;

import java.io.IOException;

/** The catalog stage's error: which file and why. Catalogers prefer warnings; this is for "nothing usable". */
public class CatalogException extends IOException {

    private final String file;

    public CatalogException(String file, String reason) {
        this(file, reason, null);
    }

    public CatalogException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
