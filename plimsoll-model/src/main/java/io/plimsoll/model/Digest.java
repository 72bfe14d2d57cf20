package io.plimsoll.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A content digest as the OCI image spec writes it: {@code algorithm:encoded}.
 *
 * <p>Only the algorithms registered by the spec are accepted (sha256, sha512), because a digest we cannot
 * verify is worse than none: it would make a tampered blob look trusted.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        int expected = switch (algorithm) {
            case "sha256" -> 64;
            case "sha512" -> 128;
            default -> throw new IllegalArgumentException("unsupported digest algorithm '" + algorithm + "'");
        };
        if (hex.length() != expected || !hex.chars().allMatch(Digest::isLowerHex)) {
            throw new IllegalArgumentException(
                    "invalid " + algorithm + " digest '" + hex + "' (want " + expected + " lowercase hex digits)");
        }
    }

    /** Parses {@code sha256:<64 hex>}; throws IllegalArgumentException with the offending text otherwise. */
    public static Digest parse(String text) {
        Objects.requireNonNull(text, "digest");
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("invalid digest '" + text + "' (want algorithm:hex)");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Digest sha256(byte[] hash) {
        return new Digest("sha256", HexFormat.of().formatHex(hash));
    }

    public static Digest sha256Of(byte[] content) {
        return sha256(newSha256().digest(content));
    }

    /** The SHA-256 of a file's content, read as a stream. */
    public static Digest sha256Of(java.nio.file.Path file) throws java.io.IOException {
        MessageDigest md = newSha256();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) >= 0) {
                md.update(buf, 0, r);
            }
        }
        return sha256(md.digest());
    }

    /** A fresh hasher for this digest's algorithm. */
    public MessageDigest newHasher() {
        return newHasher(algorithm);
    }

    public static MessageDigest newHasher(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT).replace("SHA", "SHA-"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    public static MessageDigest newSha256() {
        return newHasher("sha256");
    }

    /** The first 12 hex digits, as docker prints image ids. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ':' + hex;
    }

    // equals and hashCode written out: a record's generated ones bootstrap method handles on first use, on a cold run's critical path
    // (docs/performance.md, "Records on the cold path")
    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && hex.equals(d.hex) && algorithm.equals(d.algorithm);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + hex.hashCode();
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }

    private static boolean isLowerHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
