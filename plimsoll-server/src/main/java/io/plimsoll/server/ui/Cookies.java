package io.plimsoll.server.ui;

import io.plimsoll.server.http.Exchange;
import java.time.Duration;
import java.util.Optional;

/** Reads the request's cookies and writes the UI's: always HttpOnly and SameSite=Strict, Secure under TLS. */
final class Cookies {

    static final String SESSION = "plimsoll_session";
    /** The sign-in form's double-submit token: a cross-site page can neither read nor set it. */
    static final String SIGN_IN = "plimsoll_signin";

    private final boolean secure;

    Cookies(boolean secure) {
        this.secure = secure;
    }

    static Optional<String> read(Exchange ex, String name) {
        for (String header : ex.headerValues("Cookie")) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                    String v = part.substring(eq + 1).trim();
                    return v.isEmpty() ? Optional.empty() : Optional.of(v);
                }
            }
        }
        return Optional.empty();
    }

    /** Sets a cookie for the UI's paths; a zero age removes it. Values are tokens we made (URL-safe base64). */
    void set(Exchange ex, String name, String value, Duration maxAge) {
        ex.header("Set-Cookie", name + "=" + value + "; Path=/; Max-Age=" + maxAge.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    }

    void clear(Exchange ex, String name) {
        set(ex, name, "", Duration.ZERO);
    }
}
