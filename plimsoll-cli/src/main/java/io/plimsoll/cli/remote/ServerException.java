package io.plimsoll.cli.remote;

/** The scan server could not be reached, refused the request or failed; the message names the server. */
public final class ServerException extends RuntimeException {
    public ServerException(String message) {
        super(message);
    }
}
