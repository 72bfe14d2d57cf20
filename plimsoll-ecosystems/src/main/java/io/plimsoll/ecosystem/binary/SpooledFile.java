package io.plimsoll.ecosystem.binary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A file from a layer stream made randomly accessible: small files in memory, larger ones in a private temporary file
 * that is deleted when this is closed. Either way no more than the file's declared size is read from the stream.
 */
public final class SpooledFile implements ByteSource {

    /** Writing the temporary file failed (disk full, no temp dir): the executable is skipped, the walk goes on. */
    public static final class SpoolException extends IOException {
        private static final long serialVersionUID = 1L;

        SpoolException(String message, IOException cause) {
            super(message, cause);
        }
    }

    private static final int CHUNK = 64 << 10;

    private final byte[] bytes;
    private final FileChannel channel;
    private final Path path;
    private final long size;

    private SpooledFile(byte[] bytes, FileChannel channel, Path path, long size) {
        this.bytes = bytes;
        this.channel = channel;
        this.path = path;
        this.size = size;
    }

    /**
     * Reads the rest of a file whose first bytes were already taken from the stream (to look at its magic number).
     *
     * @param head         the bytes already read
     * @param rest         the stream positioned just after {@code head}
     * @param declaredSize the size the archive states for the whole file; nothing beyond it is read
     * @throws SpoolException when the temporary file cannot be written (the stream itself was fine)
     * @throws IOException    when reading the stream fails
     */
    public static SpooledFile spool(byte[] head, InputStream rest, long declaredSize, BinaryLimits limits)
            throws IOException {
        long remaining = Math.max(0, declaredSize - head.length);
        if (declaredSize <= limits.inMemorySize()) {
            // read into one array of the declared size, not in pieces copied together again
            byte[] all = Arrays.copyOf(head, head.length + (int) remaining);
            int n = rest.readNBytes(all, head.length, (int) remaining);
            if (n < remaining) {
                all = Arrays.copyOf(all, head.length + n);
            }
            return new SpooledFile(all, null, null, all.length);
        }
        return toTempFile(head, rest, remaining);
    }

    private static SpooledFile toTempFile(byte[] head, InputStream rest, long remaining) throws IOException {
        Path tmp;
        FileChannel ch;
        try {
            // createTempFile makes it readable by its owner only: executables may hold secrets
            tmp = Files.createTempFile("plimsoll-exe-", ".bin");
            ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new SpoolException("cannot create a temporary file: " + e.getMessage(), e);
        }
        SpooledFile f = null;
        try {
            long written = write(ch, ByteBuffer.wrap(head));
            byte[] buf = new byte[CHUNK];
            while (remaining > 0) {
                int n = rest.read(buf, 0, (int) Math.min(buf.length, remaining));
                if (n < 0) {
                    break; // shorter than declared: parse what there is
                }
                written += write(ch, ByteBuffer.wrap(buf, 0, n));
                remaining -= n;
            }
            f = new SpooledFile(null, ch, tmp, written);
            return f;
        } finally {
            if (f == null) {
                ch.close();
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static long write(FileChannel ch, ByteBuffer b) throws SpoolException {
        int n = b.remaining();
        try {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        } catch (IOException e) {
            throw new SpoolException("cannot write a temporary file: " + e.getMessage(), e);
        }
        return n;
    }

    /** Whether the bytes live in a temporary file rather than on the heap. */
    public boolean onDisk() {
        return channel != null;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long offset, byte[] dst, int dstOffset, int len) throws IOException {
        if (offset < 0 || offset >= size || len <= 0) {
            return 0;
        }
        int n = (int) Math.min(len, size - offset);
        if (bytes != null) {
            System.arraycopy(bytes, (int) offset, dst, dstOffset, n);
            return n;
        }
        ByteBuffer b = ByteBuffer.wrap(dst, dstOffset, n);
        long pos = offset;
        while (b.hasRemaining()) {
            int r = channel.read(b, pos);
            if (r < 0) {
                break;
            }
            pos += r;
        }
        return n - b.remaining();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(path);
            }
        }
    }
}
