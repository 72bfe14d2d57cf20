package io.plimsoll.image.walk;

import io.plimsoll.image.layer.Compression;
import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.image.layer.LayerSummary;
import io.plimsoll.image.tree.LayerChanges;
import io.plimsoll.model.Digest;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A layer recording as bytes, the CLI's cache files ({@link LayerCache}) and the server's {@code layer_index} rows
 * (which gzip them) alike: the format version, the header's length, the header (which layer and analyzer
 * set it belongs to, the layer's summary, entries and whiteouts, each wanted file's entry, learner and length, and
 * the learners the recording walk had), then the wanted files' bytes (or what a learner learnt from them) back to
 * back, raw, and last the CRC-32C of header and body, so a truncated or damaged file is
 * told apart from a good one before it is replayed.
 *
 * <p>The header is binary (big-endian numbers, strings as a length and UTF-8) rather than JSON: a warm re-scan
 * reads one of these per layer and little else, and building Jackson's deserializers for the header's records and
 * running them, mostly interpreted in so short a process, was a third of its CPU.
 */
public final class LayerCacheCodec {

    /** Bumped when the format changes; a file of another format is dropped and rebuilt. */
    public static final int FORMAT = 3;
    /** The header is the entries of one layer; past this it is not a file this code wrote. */
    private static final int MAX_HEADER_BYTES = 256 << 20;
    private static final FileType[] FILE_TYPES = FileType.values();
    private static final Compression[] COMPRESSIONS = Compression.values();

    private LayerCacheCodec() {
    }

    /** The damage found in a cache file: it is dropped and the layer read again. */
    public static final class CorruptEntryException extends IOException {
        CorruptEntryException(String message) {
            super(message);
        }
    }

    /**
     * Writes {@code r}, the recording of {@code layer} under the analyzer set {@code analyzers} (both are checked
     * when it is read back).
     */
    public static void write(Digest layer, String analyzers, LayerMemo.Recorded r, OutputStream out)
            throws IOException {
        ByteArrayOutputStream headerBytes = new ByteArrayOutputStream(1 << 16);
        DataOutputStream h = new DataOutputStream(headerBytes);
        writeString(h, layer.toString());
        writeString(h, analyzers);
        LayerSummary s = r.summary();
        h.writeLong(s.compressedBytes());
        h.writeLong(s.expandedBytes());
        h.writeLong(s.entries());
        h.writeByte(s.compression() == null ? -1 : s.compression().ordinal());
        writeStrings(h, s.warnings());
        h.writeInt(r.changes().entries().size());
        for (LayerEntry e : r.changes().entries()) {
            writeEntry(h, e);
        }
        writeStrings(h, r.changes().whiteouts());
        writeStrings(h, r.changes().opaqueDirectories());
        long body = 0;
        for (List<LayerMemo.WantedFile> wanted : List.of(r.files(), r.links())) {
            h.writeInt(wanted.size());
            for (LayerMemo.WantedFile f : wanted) {
                writeEntry(h, f.asked());
                boolean same = f.asked().equals(f.delivered());
                h.writeBoolean(same);
                if (!same) {
                    writeEntry(h, f.delivered());
                }
                writeString(h, f.learntBy());
                h.writeInt(f.bytes().length);
                body += f.bytes().length;
            }
        }
        writeStrings(h, r.learners());
        h.writeLong(body);
        h.flush();
        byte[] header = headerBytes.toByteArray();
        CRC32C crc = new CRC32C();
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(FORMAT);
        d.writeInt(header.length);
        d.write(header);
        crc.update(header);
        for (List<LayerMemo.WantedFile> wanted : List.of(r.files(), r.links())) {
            for (LayerMemo.WantedFile f : wanted) {
                d.write(f.bytes());
                crc.update(f.bytes());
            }
        }
        d.writeLong(crc.getValue());
        d.flush();
    }

    private static void writeEntry(DataOutputStream h, LayerEntry e) throws IOException {
        writeString(h, e.path());
        h.writeByte(e.type().ordinal());
        h.writeInt(e.mode());
        h.writeLong(e.uid());
        h.writeLong(e.gid());
        h.writeLong(e.size());
        writeString(h, e.linkTarget());
        h.writeLong(e.modifiedEpochSeconds());
        h.writeBoolean(e.sparse());
    }

    private static void writeStrings(DataOutputStream h, List<String> strings) throws IOException {
        h.writeInt(strings.size());
        for (String s : strings) {
            writeString(h, s);
        }
    }

    private static void writeString(DataOutputStream h, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        h.writeInt(b.length);
        h.write(b);
    }

    /** Reads a recording written by {@link #write} for this layer and analyzer set. */
    public static LayerMemo.Recorded read(Digest layer, String analyzers, InputStream in) throws IOException {
        try {
            return readChecked(layer, analyzers, in);
        } catch (BufferUnderflowException e) {
            throw new CorruptEntryException("header shorter than its contents");
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CorruptEntryException(String.valueOf(e.getMessage()));
        }
    }

    private static LayerMemo.Recorded readChecked(Digest layer, String analyzers, InputStream in) throws IOException {
        byte[] start = readFully(in, 8, "truncated header");
        ByteBuffer sb = ByteBuffer.wrap(start);
        int format = sb.getInt();
        if (format != FORMAT) {
            throw new CorruptEntryException("format " + format + ", expected " + FORMAT);
        }
        int headerLength = sb.getInt();
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new CorruptEntryException("header of " + headerLength + " bytes");
        }
        byte[] header = readFully(in, headerLength, "truncated header");
        CRC32C crc = new CRC32C();
        crc.update(header);
        ByteBuffer h = ByteBuffer.wrap(header);
        if (!layer.toString().equals(readString(h)) || !analyzers.equals(readString(h))) {
            throw new CorruptEntryException("holds another layer or analyzer set");
        }
        long compressed = h.getLong();
        long expanded = h.getLong();
        long entryCount = h.getLong();
        int compression = h.get();
        if (compression < -1 || compression >= COMPRESSIONS.length) {
            throw new CorruptEntryException("unknown compression " + compression);
        }
        LayerSummary summary = new LayerSummary(compressed, expanded, entryCount,
                compression < 0 ? null : COMPRESSIONS[compression], readStrings(h));
        int count = count(h);
        List<LayerEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(readEntry(h));
        }
        List<String> whiteouts = readStrings(h);
        List<String> opaque = readStrings(h);
        List<List<LayerEntry[]>> asked = new ArrayList<>(2);
        List<List<String>> learntBy = new ArrayList<>(2);
        List<int[]> lengths = new ArrayList<>(2);
        for (int list = 0; list < 2; list++) {
            int n = count(h);
            List<LayerEntry[]> pairs = new ArrayList<>(n);
            List<String> by = new ArrayList<>(n);
            int[] len = new int[n];
            for (int i = 0; i < n; i++) {
                LayerEntry a = readEntry(h);
                LayerEntry delivered = h.get() != 0 ? a : readEntry(h);
                pairs.add(new LayerEntry[] {a, delivered});
                by.add(readString(h));
                len[i] = h.getInt();
            }
            asked.add(pairs);
            learntBy.add(by);
            lengths.add(len);
        }
        List<String> learners = readStrings(h);
        long bodyBytes = h.getLong();
        if (h.hasRemaining()) {
            throw new CorruptEntryException("header longer than its contents");
        }
        long body = 0;
        List<List<LayerMemo.WantedFile>> lists = new ArrayList<>(2);
        for (int list = 0; list < 2; list++) {
            List<LayerEntry[]> pairs = asked.get(list);
            int[] len = lengths.get(list);
            List<LayerMemo.WantedFile> out = new ArrayList<>(pairs.size());
            for (int i = 0; i < pairs.size(); i++) {
                if (len[i] < 0 || body + len[i] > bodyBytes) {
                    throw new CorruptEntryException("file lengths disagree with the header");
                }
                byte[] bytes = readFully(in, len[i], "truncated after " + body + " of " + bodyBytes + " bytes");
                crc.update(bytes);
                body += bytes.length;
                out.add(new LayerMemo.WantedFile(pairs.get(i)[0], pairs.get(i)[1], bytes, learntBy.get(list).get(i)));
            }
            lists.add(out);
        }
        if (body != bodyBytes) {
            throw new CorruptEntryException("body is not " + bodyBytes + " bytes");
        }
        long stored = ByteBuffer.wrap(readFully(in, 8, "truncated checksum")).getLong();
        if (in.read() != -1) {
            throw new CorruptEntryException("longer than its header says");
        }
        if (stored != crc.getValue()) {
            throw new CorruptEntryException("checksum mismatch");
        }
        return new LayerMemo.Recorded(new LayerChanges(entries, whiteouts, opaque), summary, lists.get(0),
                lists.get(1), learners);
    }

    private static LayerEntry readEntry(ByteBuffer h) throws CorruptEntryException {
        String path = readString(h);
        int type = h.get();
        if (type < 0 || type >= FILE_TYPES.length) {
            throw new CorruptEntryException("unknown file type " + type);
        }
        return new LayerEntry(path, FILE_TYPES[type], h.getInt(), h.getLong(), h.getLong(), h.getLong(),
                readString(h), h.getLong(), h.get() != 0);
    }

    private static List<String> readStrings(ByteBuffer h) throws CorruptEntryException {
        int n = count(h);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readString(h));
        }
        return out;
    }

    /** A list's length; each element takes at least 4 bytes, so a larger count than that cannot be true. */
    private static int count(ByteBuffer h) throws CorruptEntryException {
        int n = h.getInt();
        if (n < 0 || n > h.remaining() / 4) {
            throw new CorruptEntryException("a list of " + n + " in " + h.remaining() + " bytes");
        }
        return n;
    }

    private static String readString(ByteBuffer h) throws CorruptEntryException {
        int n = h.getInt();
        if (n < 0 || n > h.remaining()) {
            throw new CorruptEntryException("a string of " + n + " bytes in " + h.remaining());
        }
        String s = new String(h.array(), h.position(), n, StandardCharsets.UTF_8);
        h.position(h.position() + n);
        return s;
    }

    private static byte[] readFully(InputStream in, int n, String truncated) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new CorruptEntryException(truncated);
        }
        return b;
    }
}
