package io.plimsoll.ecosystem.oracle;

import io.plimsoll.ecosystem.oval.OvalReader;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Oracle's OVAL feed, {@code https://linux.oracle.com/security/oval/com.oracle.elsa-all.xml.bz2}: every ELSA for
 * every Oracle Linux release in one bzip2 file (see {@link ElsaDefinitions} for how a definition becomes rows).
 * Upstream offers no changes list, so each update reads the whole file; the fetcher's conditional GET makes an
 * unchanged file cost one request.
 */
public final class OracleOvalUpdater implements Updater {

    public static final String NAME = "oracle";
    static final String FILE = "com.oracle.elsa-all.xml.bz2";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://linux.oracle.com/security/oval/";
    }

    @Override
    public String description() {
        return "Oracle Linux ELSA OVAL: the builds that fixed each CVE, per Oracle Linux release";
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException, IOException {
        Path file = fetcher.fetch(FILE);
        String name = FeedFiles.describe(fetcher, FILE, file);
        ElsaDefinitions rows = new ElsaDefinitions(sink);
        try (InputStream in = openBzip2(name, file)) {
            OvalReader.read(NAME, name, in, rows::add);
        }
        if (rows.advisories() == 0) {
            throw new FeedException(NAME, name, "the file holds no ELSA definitions");
        }
        sink.progress(NAME + ": " + rows.advisories() + " advisories, " + rows.rows() + " fixed builds, "
                + rows.skipped() + " bug-fix/enhancement errata skipped");
    }

    /** The bzip2 stream of {@code file}, or a one-line error when it is an HTML page or not bzip2 at all. */
    static InputStream openBzip2(String name, Path file) throws FeedException {
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(512);
            byte[] head = raw.readNBytes(512);
            raw.reset();
            if (head.length < 3 || head[0] != 'B' || head[1] != 'Z' || head[2] != 'h') {
                raw.close();
                FeedFiles.checkHead(NAME, name, head, "bzip2");
                throw new FeedException(NAME, name, "expected bzip2 data (BZh…) but the file starts otherwise");
            }
            return new BufferedInputStream(new BZip2CompressorInputStream(raw, true), 1 << 16);
        } catch (FeedException e) {
            throw e;
        } catch (IOException e) {
            throw new FeedException(NAME, name, "cannot read bzip2 data: " + e.getMessage(), e);
        }
    }
}
