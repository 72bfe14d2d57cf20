package io.plimsoll.server.db;

/** The service's database cannot be started, reached or migrated; the message says which and why. */
public final class DatabaseException extends Exception {

    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
