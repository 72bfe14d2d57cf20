package io.plimsoll.server.index;

import io.plimsoll.image.layer.Compression;
import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.image.layer.LayerSummary;
import io.plimsoll.image.tree.LayerChanges;
import io.plimsoll.image.walk.LayerMemo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A layer's recording as the {@code layer_index.data} bytes: a compact binary form, gzipped. Paths repeat (a
 * wanted file's path is also an entry's), so strings are written once and referred to by number afterwards.
 */
final class LayerRecordCodec {

    /** Bumped when the format changes; part of the index state, so old rows are simply not found. */
    static final int FORMAT = 1;
    private static final int MAGIC = 0x504c4931; // "PLI1"

    private LayerRecordCodec() {
    }

    static byte[] encode(LayerMemo.Recorded r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 1 << 16))) {
            Writer w = new Writer(out);
            out.writeInt(MAGIC);
            LayerSummary s = r.summary();
            out.writeLong(s.compressedBytes());
            out.writeLong(s.expandedBytes());
            out.writeLong(s.entries());
            w.string(s.compression().name());
            w.strings(s.warnings());
            out.writeInt(r.changes().entries().size());
            for (LayerEntry e : r.changes().entries()) {
                w.entry(e);
            }
            w.strings(r.changes().whiteouts());
            w.strings(r.changes().opaqueDirectories());
            for (List<LayerMemo.WantedFile> files : List.of(r.files(), r.links())) {
                out.writeInt(files.size());
                for (LayerMemo.WantedFile f : files) {
                    w.entry(f.asked());
                    boolean same = f.asked().equals(f.delivered());
                    out.writeBoolean(same);
                    if (!same) {
                        w.entry(f.delivered());
                    }
                    out.writeInt(f.bytes().length);
                    out.write(f.bytes());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a layer recording", e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    static LayerMemo.Recorded decode(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(data), 1 << 16))) {
            Reader r = new Reader(in);
            if (in.readInt() != MAGIC) {
                throw new IOException("not a layer recording");
            }
            LayerSummary summary = new LayerSummary(in.readLong(), in.readLong(), in.readLong(),
                    Compression.valueOf(r.string()), r.strings());
            int n = in.readInt();
            List<LayerEntry> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                entries.add(r.entry());
            }
            LayerChanges changes = new LayerChanges(entries, r.strings(), r.strings());
            List<List<LayerMemo.WantedFile>> lists = new ArrayList<>(2);
            for (int k = 0; k < 2; k++) {
                int count = in.readInt();
                List<LayerMemo.WantedFile> files = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    LayerEntry asked = r.entry();
                    LayerEntry delivered = in.readBoolean() ? asked : r.entry();
                    byte[] b = new byte[in.readInt()];
                    in.readFully(b);
                    files.add(new LayerMemo.WantedFile(asked, delivered, b));
                }
                lists.add(files);
            }
            return new LayerMemo.Recorded(changes, summary, lists.get(0), lists.get(1));
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt layer recording: " + e.getMessage(), e);
        }
    }

    private static final class Writer {
        private final DataOutputStream out;
        private final Map<String, Integer> seen = new HashMap<>();

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void string(String s) throws IOException {
            Integer ref = seen.get(s);
            if (ref != null) {
                out.writeInt(ref);
                return;
            }
            seen.put(s, seen.size());
            out.writeInt(-1);
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }

        void strings(List<String> list) throws IOException {
            out.writeInt(list.size());
            for (String s : list) {
                string(s);
            }
        }

        void entry(LayerEntry e) throws IOException {
            string(e.path());
            out.writeByte(e.type().ordinal());
            out.writeInt(e.mode());
            out.writeLong(e.uid());
            out.writeLong(e.gid());
            out.writeLong(e.size());
            string(e.linkTarget());
            out.writeLong(e.modifiedEpochSeconds());
            out.writeBoolean(e.sparse());
        }
    }

    private static final class Reader {
        private static final FileType[] TYPES = FileType.values();
        private final DataInputStream in;
        private final List<String> seen = new ArrayList<>();

        Reader(DataInputStream in) {
            this.in = in;
        }

        String string() throws IOException {
            int ref = in.readInt();
            if (ref >= 0) {
                if (ref >= seen.size()) {
                    throw new IOException("corrupt layer recording: string " + ref + " not yet defined");
                }
                return seen.get(ref);
            }
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            String s = new String(b, java.nio.charset.StandardCharsets.UTF_8);
            seen.add(s);
            return s;
        }

        List<String> strings() throws IOException {
            int n = in.readInt();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(string());
            }
            return out;
        }

        LayerEntry entry() throws IOException {
            String path = string();
            int type = in.readByte();
            if (type < 0 || type >= TYPES.length) {
                throw new IOException("corrupt layer recording: file type " + type);
            }
            return new LayerEntry(path, TYPES[type], in.readInt(), in.readLong(), in.readLong(), in.readLong(),
                    string(), in.readLong(), in.readBoolean());
        }
    }
}
