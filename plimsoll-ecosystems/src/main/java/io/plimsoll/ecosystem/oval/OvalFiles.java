package io.plimsoll.ecosystem.oval;

import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Opens a plain (or gzipped) OVAL file after a look at its first bytes: an empty file, a proxy's HTML page or
 * something that is not XML at all gets its own one-line message naming the file, before the XML parser would give
 * a less clear one. ({@link FeedFiles#openChecked} refuses all markup, which is right for JSON and wrong here.)
 */
public final class OvalFiles {

    private OvalFiles() {
    }

    public static InputStream open(String source, String name, Path file) throws FeedException {
        InputStream in;
        try {
            in = new BufferedInputStream(FeedFiles.open(file), 1 << 16);
        } catch (IOException e) {
            throw FeedFiles.readError(source, name, e);
        }
        try {
            in.mark(512);
            byte[] head = in.readNBytes(512);
            in.reset();
            check(source, name, head);
            return in;
        } catch (IOException e) {
            close(in);
            throw e instanceof FeedException fe ? fe : FeedFiles.readError(source, name, e);
        }
    }

    static void check(String source, String name, byte[] head) throws FeedException {
        String start = new String(head, StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
        if (start.isEmpty()) {
            throw new FeedException(source, name, "the file is empty");
        }
        if (start.regionMatches(true, 0, "<!doctype html", 0, 14) || start.regionMatches(true, 0, "<html", 0, 5)) {
            throw new FeedException(source, name,
                    "expected OVAL XML but got an HTML page (a proxy, captive portal or error page?)");
        }
        if (!start.startsWith("<")) {
            throw new FeedException(source, name, "expected OVAL XML but the file does not start with '<'");
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the error being reported matters more
        }
    }
}
