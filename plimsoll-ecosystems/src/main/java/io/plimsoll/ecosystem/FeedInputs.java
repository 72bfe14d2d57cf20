package io.plimsoll.ecosystem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * Opening feed files for parsers that do not go through {@link FeedFiles#readJson} (streaming JSON too big for a
 * tree, YAML), with the same plain errors: an empty file, a proxy's HTML page, a download cut short.
 */
public final class FeedInputs {

    private FeedInputs() {
    }

    /** How messages name a fetched file: its path on disk in {@code --from} mode, else the URL it came from. */
    public static String describe(FeedFetcher fetcher, String path, Path file) {
        return fetcher.isLocal() ? file.toString() : fetcher.baseUrl() + path;
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
        String what = message.contains("end-of-input")
                ? "truncated " + format + " (download cut short?)" : "invalid " + format + ": " + firstLine(message);
        return new FeedException(source, name, what + at(e.getLocation()), e);
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
