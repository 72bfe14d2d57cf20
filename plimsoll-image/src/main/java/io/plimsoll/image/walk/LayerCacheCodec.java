package io.plimsoll.image.walk;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.plimsoll.image.layer.Compression;
import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.image.layer.LayerSummary;
import io.plimsoll.image.tree.LayerChanges;
import io.plimsoll.model.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A layer recording as a cache file: one line of JSON (the format version, which layer and analyzer set it belongs
 * to, the layer's entries and whiteouts, and each wanted file's entry and length), then the wanted files' bytes back
 * to back, raw (base64 in JSON would cost a third more to store and a decoding pass to read). The header carries the
 * body's length and CRC-32C, so a truncated or damaged file is told apart from a good one before it is replayed.
 */
final class LayerCacheCodec {

    /** Bumped when the format changes; part of the cache key, so files of another format are not even looked at. */
    static final int FORMAT = 1;
    /** The header is the entries of one layer; past this it is not a file this code wrote. */
    private static final int MAX_HEADER_BYTES = 256 << 20;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_HEADER_BYTES).build());
    }

    private LayerCacheCodec() {
    }

    /** The damage found in a cache file: it is dropped and the layer read again. */
    static final class CorruptEntryException extends IOException {
        CorruptEntryException(String message) {
            super(message);
        }
    }

    record Header(int format, String layer, String analyzers, long bodyBytes, long crc32c, Summary summary,
                  List<Entry> entries, List<String> whiteouts, List<String> opaque, List<Wanted> files,
                  List<Wanted> links) {
    }

    record Summary(long compressedBytes, long expandedBytes, long entries, Compression compression,
                   List<String> warnings) {
    }

    /** An entry as a JSON array: a layer has tens of thousands, and field names would double the header. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"path", "type", "mode", "uid", "gid", "size", "link", "mtime", "sparse"})
    record Entry(String path, FileType type, int mode, long uid, long gid, long size, String link, long mtime,
                 boolean sparse) {
        static Entry of(LayerEntry e) {
            return new Entry(e.path(), e.type(), e.mode(), e.uid(), e.gid(), e.size(), e.linkTarget(),
                    e.modifiedEpochSeconds(), e.sparse());
        }

        LayerEntry toEntry() {
            if (path == null || type == null || link == null) {
                throw new IllegalArgumentException("an entry lacks its path, type or link");
            }
            return new LayerEntry(path, type, mode, uid, gid, size, link, mtime, sparse);
        }
    }

    /** @param delivered null when it is the entry asked about (every file but a hard link) */
    record Wanted(Entry asked, Entry delivered, int length) {
    }

    static void write(Digest layer, String analyzers, LayerMemo.Recorded r, OutputStream out) throws IOException {
        CRC32C crc = new CRC32C();
        long body = 0;
        List<Wanted> files = new ArrayList<>();
        List<Wanted> links = new ArrayList<>();
        for (LayerMemo.WantedFile f : r.files()) {
            files.add(wanted(f));
            crc.update(f.bytes());
            body += f.bytes().length;
        }
        for (LayerMemo.WantedFile f : r.links()) {
            links.add(wanted(f));
            crc.update(f.bytes());
            body += f.bytes().length;
        }
        LayerSummary s = r.summary();
        Header h = new Header(FORMAT, layer.toString(), analyzers, body, crc.getValue(),
                new Summary(s.compressedBytes(), s.expandedBytes(), s.entries(), s.compression(), s.warnings()),
                r.changes().entries().stream().map(Entry::of).toList(), r.changes().whiteouts(),
                r.changes().opaqueDirectories(), files, links);
        // compact JSON escapes every line break inside strings, so the header is exactly one line
        JSON.writeValue(out, h);
        out.write('\n');
        for (LayerMemo.WantedFile f : r.files()) {
            out.write(f.bytes());
        }
        for (LayerMemo.WantedFile f : r.links()) {
            out.write(f.bytes());
        }
    }

    private static Wanted wanted(LayerMemo.WantedFile f) {
        return new Wanted(Entry.of(f.asked()), f.asked().equals(f.delivered()) ? null : Entry.of(f.delivered()),
                f.bytes().length);
    }

    /** Reads a recording written by {@link #write} for this layer and analyzer set. */
    static LayerMemo.Recorded read(Digest layer, String analyzers, InputStream in) throws IOException {
        try {
            return readChecked(layer, analyzers, in);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CorruptEntryException(String.valueOf(e.getMessage()));
        }
    }

    private static LayerMemo.Recorded readChecked(Digest layer, String analyzers, InputStream in) throws IOException {
        Header h;
        try {
            h = JSON.readValue(headerLine(in), Header.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new CorruptEntryException("unreadable header (" + e.getOriginalMessage() + ")");
        }
        if (h.format() != FORMAT) {
            throw new CorruptEntryException("format " + h.format() + ", expected " + FORMAT);
        }
        if (!layer.toString().equals(h.layer()) || !analyzers.equals(h.analyzers())) {
            throw new CorruptEntryException("holds another layer or analyzer set");
        }
        if (h.summary() == null || h.entries() == null || h.whiteouts() == null || h.opaque() == null
                || h.files() == null || h.links() == null) {
            throw new CorruptEntryException("incomplete header");
        }
        CRC32C crc = new CRC32C();
        long body = 0;
        List<List<LayerMemo.WantedFile>> lists = new ArrayList<>(2);
        for (List<Wanted> wanted : List.of(h.files(), h.links())) {
            List<LayerMemo.WantedFile> out = new ArrayList<>(wanted.size());
            for (Wanted w : wanted) {
                if (w.asked() == null || w.length() < 0 || body + w.length() > h.bodyBytes()) {
                    throw new CorruptEntryException("file lengths disagree with the header");
                }
                byte[] bytes = in.readNBytes(w.length());
                if (bytes.length != w.length()) {
                    throw new CorruptEntryException("truncated after " + (body + bytes.length) + " of "
                            + h.bodyBytes() + " bytes");
                }
                crc.update(bytes);
                body += bytes.length;
                LayerEntry asked = w.asked().toEntry();
                out.add(new LayerMemo.WantedFile(asked, w.delivered() == null ? asked : w.delivered().toEntry(),
                        bytes));
            }
            lists.add(out);
        }
        if (body != h.bodyBytes() || in.read() != -1) {
            throw new CorruptEntryException("body is not " + h.bodyBytes() + " bytes");
        }
        if (crc.getValue() != h.crc32c()) {
            throw new CorruptEntryException("checksum mismatch");
        }
        Summary s = h.summary();
        return new LayerMemo.Recorded(
                new LayerChanges(h.entries().stream().map(Entry::toEntry).toList(), h.whiteouts(), h.opaque()),
                new LayerSummary(s.compressedBytes(), s.expandedBytes(), s.entries(), s.compression(),
                        s.warnings() == null ? List.of() : s.warnings()),
                lists.get(0), lists.get(1));
    }

    private static byte[] headerLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(1 << 16);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new CorruptEntryException("truncated header");
            }
            if (line.size() >= MAX_HEADER_BYTES) {
                throw new CorruptEntryException("header longer than " + MAX_HEADER_BYTES + " bytes");
            }
            line.write(b);
        }
        return line.toByteArray();
    }
}
