package io.plimsoll.vuln.enrichment;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.plimsoll.vuln.FeedException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * What the streaming readers of the enrichment feeds share: a look at the first bytes so an HTML error page or an
 * empty download gets its own message (as {@link io.plimsoll.vuln.feed.FeedFiles#readJson} gives for whole
 * documents), the translation of parser and gzip failures into a {@link FeedException} naming the file, and the
 * timestamp spellings the feeds use.
 */
final class FeedInput {

    private FeedInput() {
    }

    /**
     * Opens {@code file} (gunzipping when it is gzip), checks it is neither empty nor markup, and returns the stream
     * positioned at the start. {@code expected} names the format for the message: "JSON", "CSV".
     */
    static InputStream openChecked(String source, Path file, String expected) throws FeedException {
        return io.plimsoll.vuln.feed.FeedFiles.openChecked(source, file.toString(), file, expected);
    }

    /** The exception to report for an I/O or parse failure while reading {@code file}. */
    static FeedException failure(String source, Path file, IOException e) {
        if (e instanceof JsonProcessingException jpe) {
            return io.plimsoll.vuln.feed.FeedFiles.parseError(source, file.toString(), "JSON", jpe);
        }
        return io.plimsoll.vuln.feed.FeedFiles.readError(source, file.toString(), e);
    }

    /**
     * An NVD/KEV/EPSS timestamp: NVD writes local-less {@code 2020-06-19T18:15:11.163} (UTC), KEV {@code …Z},
     * EPSS {@code 2024-10-25T00:00:00+0000} (offset without colon). Empty when absent or unreadable.
     */
    static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        // decide the spelling up front: NVD's 300,000 timestamps must not each cost a thrown parse exception
        int time = t.indexOf('T');
        String clock = time < 0 ? "" : t.substring(time);
        try {
            if (clock.endsWith("Z") || clock.endsWith("z")) {
                return Optional.of(OffsetDateTime.parse(t).toInstant());
            }
            int sign = Math.max(clock.lastIndexOf('+'), clock.lastIndexOf('-'));
            if (sign > 0) {
                boolean colon = clock.indexOf(':', sign) > 0;
                return Optional.of((colon ? OffsetDateTime.parse(t) : OffsetDateTime.parse(t, COMPACT_OFFSET)).toInstant());
            }
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static final DateTimeFormatter COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "Z").toFormatter();

    /** A {@code yyyy-MM-dd} date, or the date part of a timestamp; empty when absent or unreadable. */
    static Optional<LocalDate> date(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        try {
            return Optional.of(LocalDate.parse(t.length() > 10 && t.charAt(10) == 'T' ? t.substring(0, 10) : t));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
