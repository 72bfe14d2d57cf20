package io.plimsoll.server.index;

import io.plimsoll.image.net.AddressGuard;
import io.plimsoll.image.net.AddressRefusedException;
import io.plimsoll.image.net.HttpClients;
import io.plimsoll.image.net.PinnedHttp;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Downloads one layer blob to a file, hashing it on the way: a blob whose digest differs from the manifest's is
 * refused before anything reads it. Every hop (redirects are followed by hand) goes through {@link PinnedHttp},
 * which connects only to addresses the {@link AddressGuard} allowed; the request's headers (often a registry
 * token) go only to the layer URI's own host, not to another host a redirect names. A blob over the size cap is
 * cut as it streams; a download that stalls for the fetch timeout is cut.
 */
final class LayerFetcher implements AutoCloseable {

    private static final int MAX_REDIRECTS = 5;

    private final AddressGuard guard;
    private final PinnedHttp http;
    private final Duration timeout;
    private final long maxBytes;

    LayerFetcher(AddressGuard guard, Duration timeout, long maxBytes) {
        this.guard = guard;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.http = HttpClients.system().pinned(guard, timeout, timeout, Optional.empty());
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
    void check(URI uri) throws AddressRefusedException {
        guard.resolve(uri);
    }

    /** Downloads {@code uri} into {@code target}, verifying it hashes to {@code digest}. */
    void fetch(Digest digest, URI uri, Map<String, List<String>> headers, Path target)
            throws FetchException, AddressRefusedException {
        Map<String, String> sent = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (!values.isEmpty()) {
                sent.put(name, String.join(", ", values));
            }
        });
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            boolean sameHost = Objects.equals(current.getScheme(), uri.getScheme())
                    && Objects.equals(current.getRawAuthority(), uri.getRawAuthority());
            PinnedHttp.Response response;
            try {
                response = http.send(current, "GET", sameHost ? sent : Map.of());
            } catch (AddressRefusedException e) {
                throw new AddressRefusedException("layer " + digest + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new FetchException("layer " + digest + ": header not allowed: " + e.getMessage());
            } catch (IOException e) {
                throw new FetchException("layer " + digest + ": cannot fetch " + current + ": " + describe(e), e);
            }
            int status = response.status();
            if (status >= 300 && status < 400 && status != 304) {
                close(response.body());
                String location = response.header("Location").orElseThrow(() -> new FetchException(
                        "layer " + digest + ": " + status + " redirect without a Location from " + uri));
                try {
                    current = current.resolve(location);
                } catch (IllegalArgumentException e) {
                    throw new FetchException("layer " + digest + ": bad redirect Location from " + uri);
                }
                continue;
            }
            if (status != 200) {
                close(response.body());
                throw new FetchException("layer " + digest + ": " + uri + " answered HTTP " + status);
            }
            if (response.contentLength().isPresent() && response.contentLength().getAsLong() > maxBytes) {
                close(response.body());
                throw new FetchException("layer " + digest + ": " + uri + " is " + response.contentLength()
                        .getAsLong() + " bytes, over the " + maxBytes + "-byte layer limit (indexer.max_layer_bytes)");
            }
            download(digest, uri, response.body(), target);
            return;
        }
        throw new FetchException("layer " + digest + ": more than " + MAX_REDIRECTS + " redirects from " + uri);
    }

    private void download(Digest digest, URI uri, InputStream body, Path target) throws FetchException {
        MessageDigest hasher = digest.newHasher();
        long total = 0;
        // the socket's read timeout cuts a body that sends nothing for the fetch timeout
        try (InputStream in = body; OutputStream out = Files.newOutputStream(target)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new FetchException("layer " + digest + ": " + uri + " sent more than the " + maxBytes
                            + "-byte layer limit (indexer.max_layer_bytes)");
                }
                hasher.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new FetchException("layer " + digest + ": download stalled for " + timeout.toSeconds() + " s ("
                    + uri + ")", e);
        } catch (IOException e) {
            throw new FetchException("layer " + digest + ": download failed: " + describe(e) + " (" + uri + ")", e);
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
        http.close(); // the kept connections
    }
}
