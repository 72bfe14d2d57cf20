package io.plimsoll.ecosystem.redhat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads the {@code csaf_vex_YYYY-MM-DD.tar.zst} corpus: tens of thousands of documents, gigabytes unpacked. The
 * archive is read in order on the calling thread; documents are parsed on the other cores, since JSON parsing,
 * not decompression, is what takes the time.
 */
final class VexArchive {

    /** Real documents reach a few megabytes (every build of every product for a kernel CVE); this is far above. */
    static final long MAX_DOCUMENT_BYTES = 64L << 20;

    @FunctionalInterface
    interface RecordConsumer {
        /** Called from parser threads, concurrently. */
        void accept(VexRecord r) throws FeedException;
    }

    private VexArchive() {
    }

    /** Reads every {@code .json} document in {@code file} except the paths in {@code skip}; returns how many. */
    static int read(String source, String name, Path file, Set<String> skip, RecordConsumer consumer,
                    Consumer<String> progress) throws FeedException {
        int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
        // a full queue makes the reading thread parse the next document itself: memory stays bounded
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 2), r -> {
                    Thread t = new Thread(r, "redhat-vex-parser");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        AtomicReference<FeedException> failure = new AtomicReference<>();
        AtomicInteger documents = new AtomicInteger();
        String entryName = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            checkZstd(source, name, in);
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new ZstdInputStreamNoFinalizer(in, RecyclingBufferPool.INSTANCE))) {
                TarArchiveEntry entry;
                while (failure.get() == null && (entry = tar.getNextEntry()) != null) {
                    entryName = null;
                    String path = entry.getName().replaceFirst("^(\\./|/)+", "");
                    if (!entry.isFile() || entry.isLink() || entry.isSymbolicLink() || !path.endsWith(".json") || skip.contains(path)) {
                        continue;
                    }
                    entryName = name + "!" + path;
                    if (entry.getSize() > MAX_DOCUMENT_BYTES) {
                        throw new FeedException(source, entryName, "a " + entry.getSize()
                                + "-byte document is more than any real VEX document; refusing to read it");
                    }
                    byte[] bytes = tar.readNBytes((int) entry.getSize());
                    if (bytes.length < entry.getSize()) {
                        throw new FeedException(source, entryName, "truncated archive: the document ends after "
                                + bytes.length + " of " + entry.getSize() + " bytes");
                    }
                    String docName = entryName;
                    pool.execute(() -> {
                        if (failure.get() != null) {
                            return;
                        }
                        try {
                            JsonNode json = FeedFiles.readJson(source, docName, new ByteArrayInputStream(bytes));
                            consumer.accept(VexDocumentParser.parse(source, docName, json));
                            int n = documents.incrementAndGet();
                            if (n % 10_000 == 0) {
                                progress.accept("read " + n + " VEX documents");
                            }
                        } catch (FeedException e) {
                            failure.compareAndSet(null, e);
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, new FeedException(source, docName, "cannot read: " + e, e));
                        }
                    });
                }
            }
        } catch (FeedException e) {
            failure.compareAndSet(null, e);
        } catch (IOException e) {
            failure.compareAndSet(null, new FeedException(source, entryName != null ? entryName : name + " (" + file + ")",
                    "corrupt or truncated archive: " + e.getMessage(), e));
        } finally {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                    failure.compareAndSet(null, new FeedException(source, name, "parsing did not finish"));
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, new FeedException(source, name, "interrupted"));
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return documents.get();
    }

    private static void checkZstd(String source, String name, InputStream in) throws IOException, FeedException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        if (head.length == 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return;
        }
        String start = new String(head, StandardCharsets.ISO_8859_1).stripLeading();
        throw new FeedException(source, name, head.length == 0 ? "the archive is empty"
                : start.startsWith("<") ? "expected a zstd-compressed tar archive but got an HTML page (a proxy, captive portal or error page?)"
                : "not a zstd-compressed tar archive (no zstd magic number)");
    }
}
