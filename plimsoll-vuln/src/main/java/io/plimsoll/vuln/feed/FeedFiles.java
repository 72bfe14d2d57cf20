package io.plimsoll.vuln.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.vuln.FeedException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import com.fasterxml.jackson.core.JsonLocation;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;

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
            checkHead(source, name, head, "JSON");
            JsonNode node = JSON.readTree(buffered);
            if (node == null || node.isMissingNode()) {
                throw new FeedException(source, name, "the file is empty");
            }
            return node;
        } catch (StreamConstraintsException e) {
            // a record nested deeper or with longer strings than the parser allows: reported, never a crash
            throw new FeedException(source, name, "over the JSON parser's limits: " + limit(e), e);
        } catch (JsonProcessingException e) {
            String what = e.getMessage() != null && e.getMessage().contains("end-of-input")
                    ? "truncated JSON (download cut short?)" : "invalid JSON";
            throw new FeedException(source, name, what + at(e.getLocation()), e);
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

    /** How messages name a fetched file: its path on disk in {@code --from} mode, else the URL it came from. */
    public static String describe(FeedFetcher fetcher, String path, Path file) {
        return fetcher.isLocal() ? file.toString() : fetcher.baseUrl() + path;
    }

    /** A web server's directory listing is a few kilobytes (SUSE's 60,000-advisory folder: ~10 MB). */
    public static final long MAX_LISTING_BYTES = 64L << 20;

    /**
     * Fetches the directory listing at {@code path} (an HTML index page, or the folder itself in {@code --from}
     * mode) as text, for the updater to pick the links it wants; a listing over {@link #MAX_LISTING_BYTES} or one
     * that cannot be read is a {@link FeedException} naming it.
     */
    public static String listing(String source, FeedFetcher fetcher, String path) throws FeedException {
        Path index = fetcher.fetch(path);
        String name = describe(fetcher, path, index);
        try {
            long size = Files.size(index);
            if (size > MAX_LISTING_BYTES) {
                throw new FeedException(source, name, "the directory listing is " + size
                        + " bytes; a listing is a few kilobytes to a few megabytes");
            }
            // links are ASCII; Latin-1 decodes any byte, so a stray one in a title never fails the read
            return Files.readString(index, StandardCharsets.ISO_8859_1);
        } catch (FeedException e) {
            throw e;
        } catch (IOException e) {
            throw new FeedException(source, name, "cannot read the directory listing: " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code file} (gunzipping when it is gzip) after checking that it is neither empty nor an HTML or XML
     * page; {@code format} ("JSON", "YAML") is only used in the message.
     */
    public static InputStream openChecked(String source, String name, Path file, String format) throws FeedException {
        InputStream in;
        try {
            in = new BufferedInputStream(FeedFiles.open(file), 1 << 16);
        } catch (IOException e) {
            throw readError(source, name, e);
        }
        try {
            in.mark(512);
            byte[] head = in.readNBytes(512);
            in.reset();
            checkHead(source, name, head, format);
            return in;
        } catch (FeedException e) {
            close(in);
            throw e;
        } catch (IOException e) {
            close(in);
            throw readError(source, name, e);
        }
    }

    /**
     * An I/O failure as a one-line reason: a gzipped file cut short ends the inflater early ({@link EOFException}),
     * damaged gzip data is a {@link ZipException}.
     */
    public static FeedException readError(String source, String name, IOException e) {
        if (e instanceof FeedException fe) {
            return fe;
        }
        if (e instanceof EOFException) {
            return new FeedException(source, name, "truncated gzip data (download cut short?)", e);
        }
        if (e instanceof ZipException) {
            return new FeedException(source, name, "corrupt gzip data: " + e.getMessage(), e);
        }
        return new FeedException(source, name, "cannot read: " + e.getMessage(), e);
    }

    /** Rejects content whose first bytes show it is empty or markup rather than {@code format}. */
    public static void checkHead(String source, String name, byte[] head, String format) throws FeedException {
        String start = new String(head, StandardCharsets.UTF_8).stripLeading();
        if (start.isEmpty()) {
            throw new FeedException(source, name, "the file is empty");
        }
        if (start.startsWith("<")) {
            boolean html = start.regionMatches(true, 0, "<!doctype html", 0, 14)
                    || start.regionMatches(true, 0, "<html", 0, 5);
            throw new FeedException(source, name, "expected " + format + " but got "
                    + (html ? "an HTML page (a proxy, captive portal or error page?)" : "XML or HTML"));
        }
    }

    /** A parse error as a one-line reason: a cut-off download says so, anything else gives the position. */
    public static FeedException parseError(String source, String name, String format, JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException limits) {
            return new FeedException(source, name, "over the " + format + " parser's limits: " + limit(limits), e);
        }
        String what = message.contains("end-of-input")
                ? "truncated " + format + " (download cut short?)" : "invalid " + format + ": " + firstLine(message);
        return new FeedException(source, name, what + at(e.getLocation()), e);
    }

    /** Jackson's "Document nesting depth (1001) exceeds the maximum allowed (1000, from `…`)" without the API name. */
    private static String limit(StreamConstraintsException e) {
        String message = firstLine(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        return message.replaceAll(",? from `[^`]*`", "");
    }

    private static String at(JsonLocation loc) {
        if (loc == null || loc.getLineNr() <= 0) {
            return "";
        }
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the error being reported matters more
        }
    }
}
