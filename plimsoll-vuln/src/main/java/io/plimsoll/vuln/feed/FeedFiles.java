package io.plimsoll.vuln.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.vuln.FeedException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reading feed files with errors that say what went wrong: a proxy's HTML login page, a truncated download and
 * plain invalid JSON each get their own message naming the file.
 */
public final class FeedFiles {

    public static final ObjectMapper JSON = new ObjectMapper();

    private FeedFiles() {
    }

    /** Opens {@code file}, transparently gunzipping when it starts with the gzip magic. */
    public static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /** Parses a whole JSON document, or explains why it is not one. */
    public static JsonNode readJson(String source, Path file) throws FeedException {
        try (InputStream in = open(file)) {
            return readJson(source, file.toString(), in);
        } catch (FeedException e) {
            throw e;
        } catch (IOException e) {
            throw new FeedException(source, file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses JSON from {@code in}; {@code name} is used in messages. */
    public static JsonNode readJson(String source, String name, InputStream in) throws FeedException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        try {
            buffered.mark(512);
            byte[] head = buffered.readNBytes(512);
            buffered.reset();
            String start = new String(head, java.nio.charset.StandardCharsets.UTF_8).stripLeading();
            if (start.isEmpty()) {
                throw new FeedException(source, name, "the file is empty");
            }
            if (start.startsWith("<")) {
                throw new FeedException(source, name, "expected JSON but got "
                        + (start.regionMatches(true, 0, "<!doctype html", 0, 14) || start.regionMatches(true, 0, "<html", 0, 5)
                        ? "an HTML page (a proxy, captive portal or error page?)" : "XML or HTML"));
            }
            JsonNode node = JSON.readTree(buffered);
            if (node == null || node.isMissingNode()) {
                throw new FeedException(source, name, "the file is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String what = e.getMessage() != null && e.getMessage().contains("end-of-input")
                    ? "truncated JSON (download cut short?)" : "invalid JSON";
            throw new FeedException(source, name, what + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr(), e);
        } catch (FeedException e) {
            throw e;
        } catch (IOException e) {
            throw new FeedException(source, name, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The text of a field, or {@code null} when absent or not text. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : null;
    }
}
