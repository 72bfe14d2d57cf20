package io.plimsoll.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** What every sender's parser needs: fields read strictly, each mistake a 400 naming the field. */
final class Payloads {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    /** Docker's tag grammar. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /** Docker's repository path: lower-case components separated by '/', with '.', '_', '__' or '-' inside. */
    private static final Pattern REPOSITORY = Pattern.compile(
            "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    /** host[:port]: a DNS name or an IPv4 address, as references write a registry. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");

    private Payloads() {
    }

    static JsonNode object(JsonNode body, String sender, String example) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("not " + sender + " payload: expected a JSON object like " + example);
        }
        return body;
    }

    /** A required string at {@code pointer} ({@code /event_data/repository/repo_full_name}). */
    static String text(JsonNode body, String pointer, String sender) {
        return optionalText(body, pointer).orElseThrow(() -> ApiException.badRequest("not " + sender
                + " payload: " + field(pointer) + " is missing or not a string"));
    }

    static Optional<String> optionalText(JsonNode body, String pointer) {
        JsonNode n = body.at(pointer);
        return n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText().trim()) : Optional.empty();
    }

    static String field(String pointer) {
        return "'" + pointer.substring(1).replace('/', '.') + "'";
    }

    static String repository(String value, String what) {
        if (!REPOSITORY.matcher(value).matches() || value.length() > 255) {
            throw ApiException.badRequest(what + " is not a repository name: '" + shorten(value) + "'");
        }
        return value;
    }

    static String tag(String value, String what) {
        if (!TAG.matcher(value).matches()) {
            throw ApiException.badRequest(what + " is not a tag: '" + shorten(value) + "'");
        }
        return value;
    }

    static String digest(String value, String what) {
        if (!DIGEST.matcher(value).matches()) {
            throw ApiException.badRequest(what + " must be sha256: and 64 lower-case hex digits, got '"
                    + shorten(value) + "'");
        }
        return value;
    }

    static String host(String value, String what) {
        if (!HOST.matcher(value).matches() || value.length() > 255) {
            throw ApiException.badRequest(what + " does not name a registry host: '" + shorten(value) + "'");
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    /** The replay key of a sender that gives no event id: a hash of what the event names. */
    static String key(String sender, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(p.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return sender + ":" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
