package io.plimsoll.image.source;

import io.plimsoll.fuzz.Parts;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An image archive held in memory, built from one fuzz input so the fuzzer can write content-addressed graphs: the
 * input is a list of parts separated by a line {@code %%}; part i may name an earlier part j by the token {@code @j},
 * which becomes that part's sha256 hex. Every part but the last is stored as {@code blobs/sha256/<hex>}; the last is
 * the archive's top file ({@code index.json} or {@code manifest.json}). Real digests make the reader follow the
 * graph instead of stopping at a digest mismatch, and repeats (one blob listed many times) are one token away.
 */
final class MemoryArchiveFiles implements ArchiveFiles {

    private static final int MAX_PARTS = 10;

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    MemoryArchiveFiles(byte[] input, String top) {
        List<byte[]> parts = Parts.split(input, MAX_PARTS);
        List<String> hexes = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            byte[] part = substitute(parts.get(i), hexes);
            if (i == parts.size() - 1) {
                files.put(top, part);
            } else {
                String hex = sha256(part);
                hexes.add(hex);
                files.put("blobs/sha256/" + hex, part);
            }
        }
        if (parts.size() > 1) {
            files.putIfAbsent("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Replaces {@code @j} by the hex digest of part j when j is an earlier part; other bytes are kept. */
    private static byte[] substitute(byte[] part, List<String> hexes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(part.length);
        for (int i = 0; i < part.length; i++) {
            if (part[i] == '@' && i + 1 < part.length && part[i + 1] >= '0' && part[i + 1] <= '9'
                    && part[i + 1] - '0' < hexes.size()) {
                out.writeBytes(hexes.get(part[i + 1] - '0').getBytes(StandardCharsets.ISO_8859_1));
                i++;
            } else {
                out.write(part[i]);
            }
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public OptionalLong size(String path) {
        byte[] b = files.get(path);
        return b == null ? OptionalLong.empty() : OptionalLong.of(b.length);
    }

    @Override
    public InputStream open(String path) throws java.io.IOException {
        byte[] b = files.get(path);
        if (b == null) {
            throw new io.plimsoll.image.ImageException(describe(path), "missing from the archive");
        }
        return new ByteArrayInputStream(b);
    }

    @Override
    public String describe(String path) {
        return "fuzz.tar:" + path;
    }

    @Override
    public String name() {
        return "fuzz.tar";
    }

    @Override
    public void close() {
    }
}
