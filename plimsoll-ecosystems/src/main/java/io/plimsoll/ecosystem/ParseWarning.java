package io.plimsoll.ecosystem;

import java.util.Objects;

/** Something a parser skipped or guessed at, with the file and the 1-based line it was on (0 for the whole file). */
public record ParseWarning(String file, int line, String message) {

    public ParseWarning {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
