package io.plimsoll.server.http;

/** Decides who a request is before its route runs (the route never runs for a caller it refuses). */
public interface Authenticator {

    /** The caller; an {@link ApiException} 401 when the credentials are missing or wrong. */
    Principal authenticate(Exchange ex);

    /** The {@code WWW-Authenticate} challenge sent with a 401, e.g. {@code Basic realm="plimsoll"}. */
    String challenge();
}
