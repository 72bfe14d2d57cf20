package io.plimsoll.server.webhook;

import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The shared secret a sender proves itself with: {@code Authorization: Bearer TOKEN} (distribution and Harbor send
 * a header of the user's choosing) or {@code ?token=TOKEN} (Docker Hub and Quay cannot). Compared as SHA-256
 * digests with {@link MessageDigest#isEqual}, so the time taken says nothing about the token, its length included.
 */
final class WebhookToken {

    private final byte[] expected;

    WebhookToken(String token) {
        this.expected = sha256(token);
    }

    /** Refuses with 401 unless the request carries the token. */
    void check(Exchange ex) {
        Optional<String> given = ex.header("Authorization")
                .filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).map(a -> a.substring(7).trim())
                .or(() -> ex.query("token"));
        if (given.isEmpty() || !MessageDigest.isEqual(expected, sha256(given.get()))) {
            throw new ApiException(401, "unauthorized", "a push webhook needs the server's webhooks.token, as"
                    + " 'Authorization: Bearer TOKEN' or '?token=TOKEN'");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
