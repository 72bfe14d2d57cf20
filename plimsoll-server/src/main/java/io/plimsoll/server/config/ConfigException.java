package io.plimsoll.server.config;

/** A configuration file or value that cannot be used; the message names the file or the setting. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
