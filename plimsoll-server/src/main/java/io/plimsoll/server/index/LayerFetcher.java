package io.plimsoll.server.index;

import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads one layer blob to a file, hashing it on the way: a blob whose digest differs from the manifest's is
 * refused before anything reads it. Redirects are followed by hand so each hop passes the {@link AddressGuard};
 * a download that stalls for the fetch timeout is cut.
 */
final class LayerFetcher implements AutoCloseable {

    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    private final AddressGuard guard;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog;

    LayerFetcher(AddressGuard guard, Duration timeout) {
        this.guard = guard;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plimsoll-layer-fetch-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /** A layer that could not be fetched; the message names the layer and the URI. */
    static final class FetchException extends Exception {
        FetchException(String message) {
            super(message);
        }

        FetchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Refuses a URI the guard does not allow, before anything is fetched. */
    void check(URI uri) throws AddressGuard.Refused {
        guard.check(uri);
    }

    /** Downloads {@code uri} into {@code target}, verifying it hashes to {@code digest}. */
    void fetch(Digest digest, URI uri, Map<String, List<String>> headers, Path target)
            throws FetchException, AddressGuard.Refused {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            guard.check(current);
            HttpRequest.Builder b = HttpRequest.newBuilder(current).timeout(timeout).GET();
            try {
                headers.forEach((name, values) -> values.forEach(v -> b.header(name, v)));
            } catch (IllegalArgumentException e) {
                throw new FetchException("layer " + digest + ": header not allowed: " + e.getMessage());
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new FetchException("layer " + digest + ": cannot fetch " + uri + ": " + describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException("layer " + digest + ": interrupted while fetching " + uri);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                close(response.body());
                String location = response.headers().firstValue("Location").orElseThrow(() -> new FetchException(
                        "layer " + digest + ": " + status + " redirect without a Location from " + uri));
                current = current.resolve(location);
                continue;
            }
            if (status != 200) {
                close(response.body());
                throw new FetchException("layer " + digest + ": " + uri + " answered HTTP " + status);
            }
            download(digest, uri, response.body(), target);
            return;
        }
        throw new FetchException("layer " + digest + ": more than " + MAX_REDIRECTS + " redirects from " + uri);
    }

    private void download(Digest digest, URI uri, InputStream body, Path target) throws FetchException {
        MessageDigest hasher = digest.newHasher();
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        long stallNanos = timeout.toNanos();
        // the client has no read timeout: a watchdog closes a body that sends nothing for the fetch timeout
        ScheduledFuture<?> dog = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress.get() > stallNanos) {
                close(body);
            }
        }, 1, 1, TimeUnit.SECONDS);
        try (InputStream in = body; OutputStream out = Files.newOutputStream(target)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                lastProgress.set(System.nanoTime());
                hasher.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            boolean stalled = System.nanoTime() - lastProgress.get() > stallNanos;
            throw new FetchException("layer " + digest + ": " + (stalled ? "download stalled for " + timeout.toSeconds()
                    + " s" : "download failed: " + describe(e)) + " (" + uri + ")", e);
        } finally {
            dog.cancel(false);
        }
        String actual = HexFormat.of().formatHex(hasher.digest());
        if (!actual.equals(digest.hex())) {
            throw new FetchException("layer " + digest + ": digest mismatch: the content from " + uri + " is "
                    + digest.algorithm() + ":" + actual);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // abandoning the body anyway
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
