package io.plimsoll.image.source;

import io.plimsoll.image.layer.DigestingStream;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Layer blobs fetched ahead of the walker. When the walker opens a layer, its blob and the next few of the manifest
 * are fetched at once, each by a thread of its own into a bounded buffer ({@value #BUFFER_CHUNKS} chunks of
 * {@value #CHUNK} bytes): the registry's latency and transfer overlap with inflating earlier layers, and what the
 * fetch itself costs (the blob cache's copy and hash) leaves the walker's threads. Nothing waits for a whole blob:
 * the walker reads each chunk as it arrives (and verifies the digest as it reads, as for any blob), and a fetch ahead
 * of it stops when its buffer is full until the walker gets there, so memory stays bounded by the buffers, not the
 * layers.
 *
 * <p>Fetching starts from a layer the walker opened, or, when the caller can tell which layers the walk will replay
 * from its memo, with the image's config ({@link #startEarly}); never merely because the image was opened: a walker
 * with a layer memo opens no layer it already knows, and a warm re-scan must fetch none.
 */
final class BlobReadAhead implements AutoCloseable {

    static final int CHUNK = 64 << 10;
    static final int BUFFER_CHUNKS = 64;
    /** Blobs fetched ahead of the last one the walker opened, besides those it is reading. */
    static final int AHEAD = 3;
    /**
     * {@code -Dplimsoll.pull.ahead=0} streams each layer straight from its GET on the walker's thread, as pulls did
     * before: for comparing the two in one process (the registry benchmark), or should a registry object to
     * parallel requests.
     */
    static final String AHEAD_PROPERTY = "plimsoll.pull.ahead";
    private static final byte[] END = new byte[0];

    /** Where a blob's bytes come from: the registry, or the blob cache when it holds the blob. */
    interface Fetch {
        InputStream open(Digest blob) throws IOException;
    }

    private final Fetch fetch;
    private final Predicate<Digest> local;
    private final int ahead = Math.max(0, Integer.getInteger(AHEAD_PROPERTY, AHEAD));
    private final Map<Digest, Pump> pumps = new HashMap<>();
    private final List<List<Digest>> orders = new ArrayList<>();
    private boolean closed;

    /** @param local blobs at hand (in the blob cache): read straight from there, never fetched ahead */
    BlobReadAhead(Fetch fetch, Predicate<Digest> local) {
        this.fetch = fetch;
        this.local = local;
    }

    /** A manifest's layers in the order the walker reads them. */
    synchronized void layers(List<Digest> order) {
        orders.add(List.copyOf(order));
    }

    /**
     * The blob's bytes: from its fetch when one is running that no one has read yet (started ahead, or started now),
     * else straight from {@link Fetch} (a second read of a layer, for a hard link). Starts the fetches ahead of it.
     */
    InputStream open(Digest blob) throws IOException {
        Pump pump;
        synchronized (this) {
            if (closed) {
                throw new IOException("the image was closed");
            }
            pump = pumps.get(blob);
            if (pump != null && pump.taken) {
                pump = null;
            } else if (pump == null && ahead > 0 && !local.test(blob)
                    && orders.stream().anyMatch(o -> o.contains(blob))) {
                pump = start(blob);
            }
            if (pump != null) {
                pump.taken = true;
                startAhead(blob);
            }
        }
        return pump != null ? pump.reader() : fetch.open(blob);
    }

    /**
     * Starts the fetches of an image's first layers the walk will read, before the walker asks for any: as many as
     * it keeps going at once (the one it reads and those {@link #AHEAD} of it), skipping layers it will replay and
     * blobs at hand. Called once the image is chosen, so their GETs overlap the config's.
     */
    synchronized void startEarly(List<Digest> order, Predicate<Digest> known) {
        int started = 0;
        for (int i = 0; i < order.size() && started <= ahead && ahead > 0 && !closed; i++) {
            Digest d = order.get(i);
            if (!pumps.containsKey(d) && !local.test(d) && !known.test(d)) {
                start(d);
                started++;
            }
        }
    }

    private void startAhead(Digest opened) {
        // fetched but not yet read, finished or not: each holds up to a buffer of memory
        long waiting = pumps.values().stream().filter(p -> !p.taken).count();
        for (List<Digest> order : orders) {
            int at = order.indexOf(opened);
            for (int i = at + 1; at >= 0 && i < order.size() && waiting < ahead; i++) {
                if (!pumps.containsKey(order.get(i)) && !local.test(order.get(i))) {
                    start(order.get(i));
                    waiting++;
                }
            }
        }
    }

    private Pump start(Digest blob) {
        Pump p = new Pump(blob);
        pumps.put(blob, p);
        Thread t = new Thread(p::run, "plimsoll-fetch-" + blob.hex().substring(0, Math.min(12, blob.hex().length())));
        t.setDaemon(true);
        t.start();
        return p;
    }

    /** Stops every fetch; a blob fetched ahead and never read is dropped (the blob cache keeps no part of it). */
    @Override
    public void close() {
        List<Pump> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(pumps.values());
        }
        all.forEach(Pump::cancel);
    }

    /** One blob's fetch: its thread copies the blob into the buffer the walker's reader drains. */
    private final class Pump {
        private final Digest blob;
        private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(BUFFER_CHUNKS);
        private volatile boolean cancelled;
        private volatile boolean done;
        private volatile IOException failure;
        private volatile InputStream source;
        /** Counted down once the fetch has its stream, or failed to get one. */
        private final CountDownLatch opened = new CountDownLatch(1);
        /** Handed to a reader (guarded by the enclosing instance). */
        boolean taken;

        Pump(Digest blob) {
            this.blob = blob;
        }

        void run() {
            try (InputStream in = fetch.open(blob)) {
                source = in;
                opened.countDown();
                while (!cancelled) {
                    byte[] buf = new byte[CHUNK];
                    int n = in.readNBytes(buf, 0, CHUNK);
                    if (n > 0 && !put(n == CHUNK ? buf : java.util.Arrays.copyOf(buf, n))) {
                        return;
                    }
                    if (n < CHUNK) {
                        break;
                    }
                }
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new IOException(e.toString(), e);
            } finally {
                opened.countDown();
                done = true;
                if (!cancelled) {
                    put(END);
                }
            }
        }

        /** Waits for room; false once the fetch was cancelled. */
        private boolean put(byte[] chunk) {
            try {
                while (!cancelled) {
                    if (chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        void cancel() {
            if (!done) {
                failure = new IOException("the fetch of " + blob + " was stopped (the image was closed)");
            }
            cancelled = true;
            chunks.clear();
            chunks.offer(END); // a reader still waiting sees the end, and the failure
            InputStream in = source;
            if (in != null && !done) {
                try {
                    in.close(); // unblocks a read waiting on the network
                } catch (IOException ignored) {
                    // the thread ends on its own when the read fails
                }
            }
        }

        InputStream reader() {
            return new Reader();
        }

        /** Drains the buffer; hashes nothing itself, but passes on the digest of a fetch that hashed (the cache's). */
        private final class Reader extends InputStream implements DigestingStream {
            private byte[] current = new byte[0];
            private int pos;
            private boolean end;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (pos == current.length) {
                    if (end) {
                        return -1;
                    }
                    byte[] next;
                    try {
                        next = chunks.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting for " + blob);
                    }
                    if (next == END) {
                        end = true;
                        if (failure != null) {
                            throw failure;
                        }
                    }
                    current = next;
                    pos = 0;
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public int available() {
                return current.length - pos;
            }

            @Override
            public void close() {
                if (!end) {
                    cancel(); // read partly: the rest is not wanted, and an incomplete blob is never cached
                }
            }

            @Override
            public boolean digests(String algorithm) throws IOException {
                try {
                    opened.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for " + blob);
                }
                return source instanceof DigestingStream d && d.digests(algorithm);
            }

            @Override
            public Optional<Digest> digest() {
                return end && failure == null && source instanceof DigestingStream d ? d.digest() : Optional.empty();
            }
        }
    }
}
