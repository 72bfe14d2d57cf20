package io.plimsoll.vuln.feed;

import io.plimsoll.image.net.HttpClients;
import io.plimsoll.vuln.FeedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads a source's files below its base URL into a cache directory: conditional GET with the validators
 * (ETag, Last-Modified) from the last successful update, so an unchanged file costs one request and is read from
 * the cache; retries with exponential backoff on connection errors, 429 and 5xx (honouring Retry-After); a
 * connect timeout, a response timeout and a stall timeout on the body, so nothing hangs.
 */
public final class HttpFeedFetcher implements FeedFetcher {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "feed-stall-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final String source;
    private final String baseUrl;
    private final Path cacheDir;
    private final HttpClient client;
    private final HttpSettings settings;
    private final FeedProgress progress;
    private final Map<String, String> previousValidators;
    private final Map<String, String> validators = new ConcurrentHashMap<>();
    private final Map<String, String> checksums = new ConcurrentHashMap<>();

    /**
     * @param cacheDir           where this source's downloads are kept between runs (one folder per source)
     * @param previousValidators {@code path → "etag\nlast-modified"} from the last successful update
     */
    public HttpFeedFetcher(String source, String baseUrl, Path cacheDir, HttpClient client, HttpSettings settings,
                           FeedProgress progress, Map<String, String> previousValidators) {
        this.source = source;
        this.baseUrl = baseUrl;
        this.cacheDir = cacheDir;
        this.client = client;
        this.settings = settings;
        this.progress = progress;
        this.previousValidators = Map.copyOf(previousValidators);
    }

    /** An HTTP client with the settings' connect timeout, following redirects, through the process's proxy. */
    public static HttpClient client(HttpSettings settings) {
        return client(settings, HttpClients.system());
    }

    /** The same with other proxy rules. Feeds are public files, so redirects (to a CDN) are followed. */
    public static HttpClient client(HttpSettings settings, HttpClients clients) {
        return clients.client(settings.connectTimeout(), Optional.empty())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public boolean isLocal() {
        return false;
    }

    @Override
    public List<String> list(String dir) {
        return List.of();
    }

    /** The validators of every file fetched this run, to store for the next conditional GET. */
    public Map<String, String> validators() {
        return new TreeMap<>(validators);
    }

    /** SHA-256 over every fetched file's digest, in path order: tells whether anything changed. */
    public String checksum() {
        MessageDigest md = io.plimsoll.model.Digest.newSha256();
        new TreeMap<>(checksums).forEach((p, d) -> md.update((p + "=" + d + "\n").getBytes()));
        return checksums.isEmpty() ? "" : io.plimsoll.model.Digest.sha256(md.digest()).toString();
    }

    @Override
    public Path fetch(String path) throws FeedException {
        return get(path, Map.of(), true).orElseThrow(() -> new FeedException(source, url(path), "not found (HTTP 404)"));
    }

    @Override
    public Optional<Path> fetchIfPresent(String path) throws FeedException {
        return get(path, Map.of(), true);
    }

    @Override
    public Path fetchUncached(String pathAndQuery, Map<String, String> headers) throws FeedException {
        return get(pathAndQuery, headers, false)
                .orElseThrow(() -> new FeedException(source, url(pathAndQuery), "not found (HTTP 404)"));
    }

    private String url(String path) {
        return baseUrl + path;
    }

    private Optional<Path> get(String path, Map<String, String> headers, boolean cached) throws FeedException {
        String url = url(path);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new FeedException(source, url, "not a valid URL: " + e.getMessage());
        }
        Path file = cached ? cacheDir.resolve(cacheName(path)) : null;
        String previous = cached && Files.isRegularFile(file) ? previousValidators.get(path) : null;
        long delay = settings.backoff().toMillis();
        int unreachable = 0;
        for (int attempt = 0; ; attempt++) {
            String failure;
            long wait = delay;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.responseTimeout())
                        .header("User-Agent", settings.userAgent()).header("Accept-Encoding", "identity");
                headers.forEach(request::header);
                if (previous != null) {
                    String[] v = previous.split("\n", -1);
                    if (!v[0].isEmpty()) {
                        request.header("If-None-Match", v[0]);
                    }
                    if (v.length > 1 && !v[1].isEmpty()) {
                        request.header("If-Modified-Since", v[1]);
                    }
                }
                HttpResponse<InputStream> response = client.send(request.GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status == 304 && previous != null) {
                    response.body().close();
                    validators.put(path, previous);
                    checksums.put(path, digest(file));
                    progress.message(source, "unchanged: " + url);
                    return Optional.of(file);
                }
                if (status == 404 || status == 410) {
                    response.body().close();
                    return Optional.empty();
                }
                if (status == 200) {
                    Path body = receive(url, response, cached ? file : null);
                    if (cached) {
                        String etag = response.headers().firstValue("ETag").orElse("");
                        String lastModified = response.headers().firstValue("Last-Modified").orElse("");
                        if (!etag.isEmpty() || !lastModified.isEmpty()) {
                            validators.put(path, etag + "\n" + lastModified);
                        }
                    }
                    checksums.put(path, digest(body));
                    return Optional.of(body);
                }
                response.body().close();
                if (status != 429 && status < 500) {
                    throw new FeedException(source, url, "HTTP " + status + hint(status));
                }
                failure = "HTTP " + status;
                wait = Math.max(delay, retryAfter(response).orElse(0L));
            } catch (HttpConnectTimeoutException e) {
                failure = "connection timed out after " + settings.connectTimeout().toSeconds() + " s";
                unreachable++;
            } catch (HttpTimeoutException e) {
                failure = "no response within " + settings.responseTimeout().toSeconds() + " s";
            } catch (ConnectException | UnknownHostException e) {
                if (unresolved(e)) {
                    // DNS failures do not heal within a retry's backoff; fail fast
                    throw new FeedException(source, url, "unknown host " + uri.getHost()
                            + " (no network or DNS?)", e);
                }
                failure = "cannot connect" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
                unreachable++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FeedException(source, url, "interrupted", e);
            } catch (FeedException e) {
                throw e;
            } catch (IOException e) {
                failure = describe(e);
            }
            // a host that cannot be reached twice is firewalled or offline: more retries only delay the scan
            if (attempt >= settings.retries() || unreachable >= 2) {
                throw new FeedException(source, url, failure + " (gave up after " + (attempt + 1) + " attempts)");
            }
            progress.retrying(source, url, failure, wait);
            try {
                Thread.sleep(Math.min(wait, 60_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FeedException(source, url, "interrupted", e);
            }
            delay *= 2;
        }
    }

    /** Streams the body to a temp file, aborting when no byte arrives for the stall timeout, then moves it in place. */
    private Path receive(String url, HttpResponse<InputStream> response, Path target) throws IOException {
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        progress.downloading(source, url, total);
        Files.createDirectories(cacheDir);
        Path temp = Files.createTempFile(cacheDir, "download-", ".part");
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        InputStream in = response.body();
        long stallNanos = settings.readTimeout().toNanos();
        ScheduledFuture<?> watchdog = WATCHDOG.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress.get() > stallNanos) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is how the stalled read is interrupted; nothing else to do
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
        long n = 0;
        try (in; OutputStream out = Files.newOutputStream(temp)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) >= 0) {
                out.write(buf, 0, r);
                n += r;
                lastProgress.set(System.nanoTime());
                progress.bytes(source, n);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            if (System.nanoTime() - lastProgress.get() > stallNanos) {
                throw new InterruptedIOException("download stalled for " + settings.readTimeout().toSeconds()
                        + " s after " + n + " bytes");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
        if (total >= 0 && n != total) {
            Files.deleteIfExists(temp);
            throw new IOException("download cut short: got " + n + " of " + total + " bytes");
        }
        progress.downloaded(source, url, n);
        if (target == null) {
            return temp;
        }
        Files.createDirectories(target.getParent());
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** A safe relative cache path for an upstream path (queries and odd characters flattened). */
    static String cacheName(String path) {
        String p = path.isEmpty() || path.endsWith("/") ? path + "index" : path;
        StringBuilder b = new StringBuilder();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                continue;
            }
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(part.replaceAll("[^A-Za-z0-9._-]", "_"));
        }
        return b.length() == 0 ? "index" : b.toString();
    }

    private static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Long> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v.trim()) * 1000);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (access denied: a proxy or a missing API key?)";
            case 407 -> " (the proxy wants credentials)";
            default -> "";
        };
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String digest(Path file) throws IOException {
        return io.plimsoll.model.Digest.sha256Of(file).hex();
    }
}
