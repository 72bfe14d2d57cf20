package io.plimsoll.ecosystem.osv;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.CappedFeedInput;
import io.plimsoll.vuln.feed.FeedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads an OSV {@code all.zip} (one JSON record per entry) record by record, without extracting it. A download is
 * untrusted input: the number of entries, each entry's inflated size and the total inflated size are capped while
 * reading (the sizes an entry declares may lie), and a file that is not a zip, a truncated one or a damaged entry
 * gives a {@link FeedException} naming the file.
 */
public final class OsvZip {

    /** Caps well above the real feeds (Ubuntu's zip, the largest, has some 60,000 records of at most a few MB). */
    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {
        public static final Limits DEFAULT = new Limits(1_000_000, 64L << 20, 16L << 30);
    }

    /** Receives each record with the entry it came from. */
    @FunctionalInterface
    public interface RecordConsumer {
        void accept(String entry, JsonNode record) throws FeedException;
    }

    private OsvZip() {
    }

    /** Calls {@code consumer} for every {@code .json} entry of {@code zip}, in the archive's order; returns how many. */
    public static int read(String source, Path zip, Limits limits, RecordConsumer consumer) throws FeedException {
        rejectNonZip(source, zip);
        int entries = 0;
        long total = 0;
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            Enumeration<? extends ZipEntry> all = file.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (entry.isDirectory() || !entry.getName().endsWith(".json")) {
                    continue;
                }
                if (++entries > limits.maxEntries()) {
                    throw new FeedException(source, zip.toString(), "more than " + limits.maxEntries()
                            + " entries: not an OSV feed (or a zip bomb)");
                }
                String name = zip + "!" + entry.getName();
                try (CappedFeedInput in = new CappedFeedInput(file.getInputStream(entry), limits.maxEntryBytes(), source,
                        name, "not an OSV record (or a zip bomb)")) {
                    consumer.accept(entry.getName(), FeedFiles.readJson(source, name, in));
                    total += in.count();
                }
                if (total > limits.maxTotalBytes()) {
                    throw new FeedException(source, zip.toString(), "inflates to more than "
                            + limits.maxTotalBytes() + " bytes: not an OSV feed (or a zip bomb)");
                }
            }
        } catch (FeedException e) {
            throw e;
        } catch (ZipException e) {
            throw new FeedException(source, zip.toString(), "damaged zip archive (download cut short?): "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new FeedException(source, zip.toString(), "cannot read: " + e.getMessage(), e);
        }
        return entries;
    }

    /** A proxy's error page or an empty file explains itself better than "zip END header not found". */
    private static void rejectNonZip(String source, Path zip) throws FeedException {
        byte[] head;
        try (InputStream in = Files.newInputStream(zip)) {
            head = in.readNBytes(64);
        } catch (IOException e) {
            throw new FeedException(source, zip.toString(), "cannot read: " + e.getMessage(), e);
        }
        if (head.length == 0) {
            throw new FeedException(source, zip.toString(), "the file is empty");
        }
        if (head.length < 4 || head[0] != 'P' || head[1] != 'K') {
            String start = new String(head, StandardCharsets.UTF_8).stripLeading();
            throw new FeedException(source, zip.toString(), "expected a zip archive but got "
                    + (start.startsWith("<") ? "an HTML or XML page (a proxy, captive portal or error page?)"
                    : "something else"));
        }
    }
}
