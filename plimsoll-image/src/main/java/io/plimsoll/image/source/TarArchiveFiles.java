package io.plimsoll.image.source;

import io.plimsoll.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The files of a tar archive read in place: the headers are indexed once, then each file is read straight
 * from its offset, so a 10 GB {@code docker save} tar is never copied and layers can be read in parallel.
 */
final class TarArchiveFiles implements ArchiveFiles {

    private record Slice(long offset, long size) {
    }

    private final Path tar;
    private final Map<String, Slice> files;

    private TarArchiveFiles(Path tar, Map<String, Slice> files) {
        this.tar = tar;
        this.files = files;
    }

    static TarArchiveFiles index(Path tar, long maxEntries) throws ImageException {
        Map<String, Slice> files = new HashMap<>();
        try (TarFile tf = new TarFile(tar, true)) {
            for (TarArchiveEntry e : tf.getEntries()) {
                if (files.size() >= maxEntries) {
                    throw new ImageException(tar.toString(), "holds more than " + maxEntries + " archive entries (raise --max-entries if this image is genuine)");
                }
                if (e.isFile() && !e.isSparse()) {
                    files.put(clean(e.getName()), new Slice(e.getDataOffset(), e.getSize()));
                }
            }
        } catch (ImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageException(tar.toString(), "not a readable tar archive (" + e.getMessage() + ")", e);
        }
        return new TarArchiveFiles(tar, files);
    }

    private static String clean(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        return n;
    }

    @Override
    public OptionalLong size(String path) {
        Slice s = files.get(clean(path));
        return s == null ? OptionalLong.empty() : OptionalLong.of(s.size);
    }

    @Override
    public InputStream open(String path) throws IOException {
        Slice s = files.get(clean(path));
        if (s == null) {
            throw new ImageException(describe(path), "missing from the archive");
        }
        FileChannel channel = FileChannel.open(tar, StandardOpenOption.READ);
        return new SliceInputStream(channel, s.offset, s.size);
    }

    @Override
    public String describe(String path) {
        return tar + ":" + path;
    }

    @Override
    public String name() {
        return tar.toString();
    }

    @Override
    public void close() {
        // nothing held open: every open() has its own channel
    }

    /** Positional reads of one entry's bytes; ends early (a truncated archive) are reported as EOF. */
    private static final class SliceInputStream extends InputStream {
        private final FileChannel channel;
        private final long end;
        private long position;

        SliceInputStream(FileChannel channel, long offset, long size) {
            this.channel = channel;
            this.position = offset;
            this.end = offset + size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int want = (int) Math.min(len, end - position);
            int n = channel.read(ByteBuffer.wrap(b, off, want), position);
            if (n < 0) {
                throw new java.io.EOFException("archive truncated: entry ends past the end of the file");
            }
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long k = Math.max(0, Math.min(n, end - position));
            position += k;
            return k;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
