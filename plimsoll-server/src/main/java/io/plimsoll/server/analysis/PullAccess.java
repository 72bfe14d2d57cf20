package io.plimsoll.server.analysis;

import io.plimsoll.image.registry.Credentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How to pull one submission when the requester named the registry and its credentials (Harbor's scan request):
 * the registry's base URL, whose scheme says HTTP or HTTPS, and the Authorization value to pull with. The requester
 * is trusted with a private address (Harbor scans its own, often private, registry), so such a pull may reach a
 * private network or loopback, which pulls of references any API client typed may not; link-local (cloud metadata)
 * and the other special blocks stay refused, as for a registered registry.
 *
 * <p>A push webhook names the registry too, but the server cannot vouch for it: such an access ({@link #schemeOnly})
 * says only HTTP or HTTPS; the credentials the account registered and the address guard apply as for any pull.
 *
 * @param authorization {@code Basic base64(user:password)} or {@code Bearer token}; empty for anonymous pulls
 * @param vouched       the requester vouches for the registry: its credentials, at a private address too; false:
 *                      only the scheme is taken, the pull is otherwise the account's own
 */
public record PullAccess(URI registryUrl, Optional<String> authorization, boolean vouched) {

    /** A registry and credentials the requester vouches for (Harbor's scan request). */
    public PullAccess(URI registryUrl, Optional<String> authorization) {
        this(registryUrl, authorization, true);
    }

    /** Only how to reach the registry, HTTP or HTTPS, as a push notification's URL says. */
    public static PullAccess schemeOnly(URI registryUrl) {
        return new PullAccess(registryUrl, Optional.empty(), false);
    }

    public PullAccess {
        if (registryUrl.getScheme() == null || !registryUrl.getScheme().matches("https?")
                || registryUrl.getAuthority() == null) {
            throw new IllegalArgumentException("registry URL must be http(s)://host[:port], got '" + registryUrl + "'");
        }
        authorization = authorization.map(String::trim).filter(a -> !a.isEmpty());
        authorization.ifPresent(PullAccess::checkScheme);
    }

    /** The registry's host[:port], as image references name it. */
    public String host() {
        return registryUrl.getAuthority();
    }

    public boolean plainHttp() {
        return registryUrl.getScheme().equals("http");
    }

    /**
     * The credentials to pull with: the user and password of a Basic value, or a Bearer value's token, which goes
     * to the registry as it is (no token service involved); empty for an anonymous pull.
     */
    Optional<Credentials> credentials() {
        return authorization.map(a -> {
            if (!isBasic(a)) {
                return Credentials.registryToken(a.substring(7).trim());
            }
            String decoded = new String(Base64.getDecoder().decode(a.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
        });
    }

    private static boolean isBasic(String a) {
        return a.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private static void checkScheme(String a) {
        if (isBasic(a)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(a.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the Basic authorization is not base64");
            }
            if (decoded.indexOf(':') <= 0) {
                throw new IllegalArgumentException("the Basic authorization is not base64 of user:password");
            }
        } else if (!a.regionMatches(true, 0, "Bearer ", 0, 7) || a.substring(7).isBlank()) {
            throw new IllegalArgumentException("the authorization must be 'Basic …' or 'Bearer …'");
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "PullAccess[" + registryUrl + ", " + authorization.map(a -> a.substring(0, a.indexOf(' ')))
                .orElse(vouched ? "anonymous" : "the account's") + "]";
    }
}
