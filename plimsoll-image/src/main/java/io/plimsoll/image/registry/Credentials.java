package io.plimsoll.image.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password (or identity token) for one registry, or a token the registry takes as it is. */
public record Credentials(String username, String password) {

    /** The user name that marks a registry token (as docker marks an identity token with {@code <token>}). */
    private static final String REGISTRY_TOKEN = "<registry-token>";

    /**
     * A bearer token for the registry itself, sent up front with every request and never to a token service (the
     * short-lived pull token a registry such as Harbor hands its scanner).
     */
    public static Credentials registryToken(String token) {
        return new Credentials(REGISTRY_TOKEN, token);
    }

    boolean isRegistryToken() {
        return username.equals(REGISTRY_TOKEN);
    }

    /** Who the registry refused, for error messages. */
    String describe() {
        return isRegistryToken() ? "the bearer token" : "the credentials of '" + username + "'";
    }

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
