package io.plimsoll.vuln.enrichment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Streams one NVD document into a sink: a CVE API 2.0 response page or a yearly {@code nvdcve-2.0-YYYY.json(.gz)}
 * feed file, both {@code {totalResults, timestamp, …, vulnerabilities: [{cve: …}]}}. The yearly files run to
 * hundreds of megabytes unpacked, so only one {@code vulnerabilities[]} element is ever held as a tree.
 */
final class NvdFile {

    /**
     * What one document held.
     *
     * @param totalResults how many CVEs the whole query matches (API pages), empty when the document omits it
     * @param count        elements in {@code vulnerabilities}, including rejected and malformed ones (for paging)
     * @param timestamp    when NVD produced the document (UTC)
     * @param newest       the latest {@code lastModified} among its CVEs
     */
    record Page(OptionalInt totalResults, int count, int written, int rejected, int malformed,
                Optional<Instant> timestamp, Optional<Instant> newest) {
    }

    private NvdFile() {
    }

    static Page read(Path file, FeedSink sink) throws FeedException {
        String source = NvdUpdater.NAME;
        try (InputStream in = FeedInput.openChecked(source, file, "JSON");
             JsonParser p = FeedFiles.JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new FeedException(source, file.toString(), "not an NVD CVE response: the JSON is not an object");
            }
            Counts counts = new Counts();
            OptionalInt total = OptionalInt.empty();
            Optional<Instant> timestamp = Optional.empty();
            boolean sawVulnerabilities = false;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "totalResults" -> {
                        if (value == JsonToken.VALUE_NUMBER_INT) {
                            total = OptionalInt.of(p.getIntValue());
                        }
                    }
                    case "timestamp" -> timestamp = FeedInput.instant(value == JsonToken.VALUE_STRING ? p.getText() : null);
                    case "vulnerabilities" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new FeedException(source, file.toString(), "\"vulnerabilities\" is not an array");
                        }
                        sawVulnerabilities = true;
                        JsonToken next;
                        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                            if (next == null) {
                                throw new FeedException(source, file.toString(), "truncated JSON (download cut short?)");
                            }
                            // readValueAsTree on anything but an object would still consume it whole
                            JsonNode item = p.readValueAsTree();
                            counts.add(item == null ? null : item.get("cve"), sink);
                        }
                    }
                    case "CVE_Items" -> throw new FeedException(source, file.toString(),
                            "this is a retired NVD 1.1 JSON feed; use the CVE API 2.0 or the nvdcve-2.0-YYYY.json.gz feed files");
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new FeedException(source, file.toString(), "truncated JSON (download cut short?)");
            }
            if (!sawVulnerabilities && total.isEmpty()) {
                throw new FeedException(source, file.toString(),
                        "not an NVD CVE API response or 2.0 feed file: neither \"vulnerabilities\" nor \"totalResults\"");
            }
            return new Page(total, counts.count, counts.written, counts.rejected, counts.malformed, timestamp,
                    counts.newest);
        } catch (IOException e) {
            throw FeedInput.failure(source, file, e);
        }
    }

    /** Running tallies over one document's CVEs. */
    private static final class Counts {
        int count;
        int written;
        int rejected;
        int malformed;
        Optional<Instant> newest = Optional.empty();

        void add(JsonNode cve, FeedSink sink) {
            count++;
            if (cve == null || !cve.isObject()) {
                malformed++;
                return;
            }
            NvdRecord.lastModified(cve).ifPresent(m -> {
                if (newest.isEmpty() || m.isAfter(newest.get())) {
                    newest = Optional.of(m);
                }
            });
            if (NvdRecord.rejected(cve)) {
                rejected++;
                return;
            }
            Optional<Advisory> advisory = NvdRecord.advisory(cve);
            if (advisory.isEmpty()) {
                malformed++;
                return;
            }
            for (Cvss c : advisory.get().cvss()) {
                sink.cvss(advisory.get().id(), c);
            }
            sink.advisory(advisory.get());
            written++;
        }
    }
}
