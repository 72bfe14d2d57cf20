package io.plimsoll.server.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.plimsoll.server.config.ServerConfig;
import java.time.Instant;
import java.util.Optional;

/**
 * Clair's pre-shared-key auth: a bearer JWT signed HS256 with the configured key, optionally from one of the
 * configured issuers. The token must carry {@code exp}: a leaked token without one would open the API forever.
 * {@code exp} and {@code nbf} are checked with a minute of clock skew.
 */
public final class JwtAuth {

    private final JWTVerifier verifier;
    private final java.util.List<String> issuers;

    public JwtAuth(ServerConfig.Auth auth) {
        Algorithm alg = Algorithm.HMAC256(auth.key());
        this.verifier = JWT.require(alg).withClaimPresence("exp").acceptLeeway(60).build();
        this.issuers = auth.issuers();
    }

    /** The token's subject (may be empty); an {@link ApiException} 401 when the header is missing or wrong. */
    public Optional<String> verify(Optional<String> authorization) {
        String h = authorization.orElseThrow(() -> unauthorized("missing bearer token (Authorization: Bearer <JWT>)"));
        if (!h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("Authorization must be a Bearer token");
        }
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(h.substring(7).trim());
        } catch (TokenExpiredException e) {
            throw unauthorized("token expired");
        } catch (MissingClaimException e) {
            throw unauthorized("token has no " + e.getClaimName() + " claim; tokens must expire");
        } catch (JWTVerificationException e) {
            throw unauthorized("invalid token: " + e.getMessage());
        }
        if (!issuers.isEmpty() && (jwt.getIssuer() == null || !issuers.contains(jwt.getIssuer()))) {
            throw unauthorized("token issuer '" + jwt.getIssuer() + "' is not allowed");
        }
        return Optional.ofNullable(jwt.getSubject());
    }

    /** A token for clients and tests: HS256 with the key, this issuer, valid for an hour. */
    public static String sign(byte[] key, String issuer) {
        return JWT.create().withIssuer(issuer).withIssuedAt(Instant.now())
                .withExpiresAt(Instant.now().plusSeconds(3600)).sign(Algorithm.HMAC256(key));
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }
}
