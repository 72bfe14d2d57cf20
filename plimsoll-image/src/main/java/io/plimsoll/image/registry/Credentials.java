package io.plimsoll.image.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password (or identity token) for one registry. */
public record Credentials(String username, String password) {

    /** The value of a {@code Basic} Authorization header. */
    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "Credentials[" + username + "]";
    }
}
