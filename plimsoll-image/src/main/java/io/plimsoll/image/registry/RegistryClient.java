package io.plimsoll.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.layer.MediaTypes;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pull side of the OCI Distribution API on the JDK's HTTP client: manifests by content negotiation, blobs
 * as streams, anonymous/bearer/basic auth, retries on 429/5xx. Redirects are followed by hand so the registry's
 * Authorization header never reaches another host (blob storage behind a redirect gets a signed URL instead).
 */
public final class RegistryClient {

    /** Everything this scanner can read, so the registry does not down-convert to schema 1. */
    static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);
    private static final int MAX_REDIRECTS = 5;
    private static final long MAX_MANIFEST_BYTES = 4L << 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RegistrySettings settings;
    private final Http http;
    /** Bearer tokens by scope ({@code repository:a/b:pull}) and host, so one login serves every blob of a repo. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** Hosts that answered with a Basic challenge; they get the credentials up front from then on. */
    private final Map<String, Boolean> basicHosts = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger blobRequests = new java.util.concurrent.atomic.AtomicInteger();

    public RegistryClient(RegistrySettings settings) {
        this.settings = settings;
        this.http = new Http(settings.http(), settings.connectTimeout(), settings.requestTimeout(), settings.tls(), settings.addressGuard());
    }

    /** A manifest or index as the registry stores it: exact bytes (digests are over them) and the media type. */
    public record Manifest(byte[] body, String mediaType, Digest digest) {
    }

    /** GETs a manifest by tag or digest; a schema 1 answer is refused with what to do about it. */
    public Manifest manifest(RegistryReference ref, String tagOrDigest) throws ImageException {
        String subject = ref.toString();
        Http.Response r = send(ref, "GET", "/v2/" + ref.repository() + "/manifests/" + tagOrDigest,
                Map.of("Accept", ACCEPT));
        byte[] body;
        try (InputStream in = r.body()) {
            if (r.status() != 200) {
                throw failure(ref, r, in, tagOrDigest.contains(":") ? "manifest " + tagOrDigest : "tag '" + tagOrDigest + "'");
            }
            body = in.readNBytes((int) MAX_MANIFEST_BYTES + 1);
        } catch (IOException e) {
            throw e instanceof ImageException ie ? ie : new ImageException(subject, "reading the manifest failed ("
                    + e.getMessage() + ")", e);
        }
        if (body.length > MAX_MANIFEST_BYTES) {
            throw new ImageException(subject, "the manifest is over " + MAX_MANIFEST_BYTES + " bytes");
        }
        String mediaType = r.header("Content-Type").orElse("").split(";")[0].trim();
        if (MediaTypes.isSchema1(mediaType)) {
            throw new ImageException(subject, "the registry only has a Docker schema 1 manifest for it, which is not "
                    + "supported: re-push the image with a current docker or skopeo");
        }
        Digest actual = Digest.sha256Of(body);
        if (tagOrDigest.contains(":") && Digest.isValid(tagOrDigest) && !Digest.parse(tagOrDigest).equals(actual)) {
            throw new ImageException(subject, "digest mismatch: asked for " + tagOrDigest + " but the manifest is "
                    + actual + " (corrupt or tampered)");
        }
        return new Manifest(body, mediaType, actual);
    }

    /** The most tags {@link #tags} reads of one repository: a watcher polls them, so a registry cannot make it loop. */
    static final int MAX_TAGS = 10_000;

    /**
     * The repository's tags ({@code GET /v2/REPO/tags/list}, following the {@code Link} header's pages), as a watched
     * repository is polled for new ones; at most {@value #MAX_TAGS}.
     */
    public java.util.List<String> tags(RegistryReference ref) throws ImageException {
        java.util.List<String> out = new java.util.ArrayList<>();
        String path = "/v2/" + ref.repository() + "/tags/list?n=1000";
        while (path != null && out.size() < MAX_TAGS) {
            Http.Response r = send(ref, "GET", path, Map.of("Accept", "application/json"));
            try (InputStream in = r.body()) {
                if (r.status() != 200) {
                    throw failure(ref, r, in, "the tag list");
                }
                JsonNode tags = MAPPER.readTree(in.readNBytes((int) MAX_MANIFEST_BYTES)).path("tags");
                tags.forEach(t -> out.add(t.asText()));
            } catch (IOException e) {
                throw e instanceof ImageException ie ? ie : new ImageException(ref.toString(), "reading the tag list"
                        + " failed (" + e.getMessage() + ")", e);
            }
            // the next page, as the distribution spec gives it: Link: </v2/...?last=x&n=1000>; rel="next"
            path = r.header("Link").filter(l -> l.contains("rel=\"next\"") && l.startsWith("</"))
                    .map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
        }
        return out.size() > MAX_TAGS ? out.subList(0, MAX_TAGS) : out;
    }

    /**
     * Logs in as {@code docker login} does: {@code GET /v2/} with the credentials, answering a Basic or Bearer
     * challenge; an error says why the registry refused (the API's registry validation).
     */
    public void checkLogin(String registry) throws ImageException {
        RegistryReference ref = new RegistryReference(registry, "", Optional.empty(), Optional.empty());
        Http.Response r = send(ref, "GET", "/v2/", Map.of());
        try (InputStream in = r.body()) {
            if (r.status() != 200) {
                throw failure(ref, r, in, "/v2/");
            }
        } catch (IOException e) {
            throw e instanceof ImageException ie ? ie : new ImageException(registry, "logging in failed ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Streams a blob from the registry; the caller verifies its digest while reading (see TarLayerReader). */
    public InputStream blob(RegistryReference ref, Digest digest) throws ImageException {
        return blob(ref, digest, -1);
    }

    /**
     * Streams a blob from the blob cache when it holds one of {@code expectedSize} bytes (negative: unknown), else
     * from the registry, copying it into the cache as it streams.
     */
    public InputStream blob(RegistryReference ref, Digest digest, long expectedSize) throws ImageException {
        Optional<BlobCache> cache = settings.blobCache();
        if (cache.isPresent()) {
            Optional<InputStream> hit = cache.get().open(digest, expectedSize);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        InputStream in = fetch(ref, digest, expectedSize);
        return cache.isPresent() ? cache.get().store(digest, expectedSize, in) : in;
    }

    /** Blob GETs sent so far (cache hits send none). */
    public int blobRequests() {
        return blobRequests.get();
    }

    public Optional<BlobCache> blobCache() {
        return settings.blobCache();
    }

    /** @param declared the size the manifest gives the blob (negative: unknown); more is refused as it streams */
    private InputStream fetch(RegistryReference ref, Digest digest, long declared) throws ImageException {
        blobRequests.incrementAndGet();
        Http.Response r = send(ref, "GET", "/v2/" + ref.repository() + "/blobs/" + digest, Map.of());
        if (r.status() != 200) {
            try (InputStream in = r.body()) {
                throw failure(ref, r, in, "blob " + digest);
            } catch (IOException e) {
                throw e instanceof ImageException ie ? ie : new ImageException(ref.toString(), e.getMessage(), e);
            }
        }
        long length = r.contentLength().orElse(-1L);
        if (declared >= 0 && length > declared) {
            try {
                r.body().close();
            } catch (IOException ignored) {
                // the refusal below is what matters
            }
            throw new ImageException(ref.toString(), "blob " + digest + " is " + length + " bytes, more than the "
                    + declared + " its manifest declares");
        }
        return new Transfer(r.body(), r.uri().getAuthority(), length, declared);
    }

    /** A blob's body whose read errors say what happened: the registry (or the network to it) went away mid-blob. */
    private static final class Transfer extends java.io.FilterInputStream {
        private final String host;
        private final long length;
        /** The manifest's size for the blob (negative: unknown): a registry sending more is cut off there. */
        private final long declared;
        private long count;

        Transfer(InputStream in, String host, long length, long declared) {
            super(in);
            this.host = host;
            this.length = length;
            this.declared = declared;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                throw stopped(e.getMessage(), e);
            }
            if (n < 0 && length >= 0 && count < length) {
                // HttpURLConnection reports a connection closed before Content-Length as a plain end of stream
                throw stopped("the connection closed", null);
            }
            count += Math.max(n, 0);
            if (declared >= 0 && count > declared) {
                // else a registry streaming without end is read without end (the digest fails only at the end)
                throw new IOException(host + " sent more of the blob than the " + declared + " bytes its manifest"
                        + " declares");
            }
            return n;
        }

        private IOException stopped(String why, IOException cause) {
            return new IOException(host + " stopped sending the blob after " + count + (length >= 0 ? " of " + length
                    : "") + " bytes (is the registry still running?): " + why, cause);
        }
    }

    /** The blob's size from a HEAD request, or empty when the registry does not have it. */
    public Optional<Long> blobSize(RegistryReference ref, Digest digest) throws ImageException {
        Http.Response r = send(ref, "HEAD", "/v2/" + ref.repository() + "/blobs/" + digest, Map.of());
        try (InputStream in = r.body()) {
            if (r.status() == 404) {
                return Optional.empty();
            }
            if (r.status() != 200) {
                throw failure(ref, r, in, "blob " + digest);
            }
        } catch (IOException e) {
            throw e instanceof ImageException ie ? ie : new ImageException(ref.toString(), e.getMessage(), e);
        }
        return r.contentLength();
    }

    private Http.Response send(RegistryReference ref, String method, String path,
                                           Map<String, String> headers) throws ImageException {
        String subject = ref.toString();
        URI uri = URI.create(baseUri(ref) + path);
        if (uri.getHost() == null) { // docker's grammar takes names such as 127.1 that java.net.URI has no host in
            throw new ImageException(subject, "'" + ref.apiHost() + "' is not a host name or address this client can"
                    + " connect to (a dotted name must end in a label that starts with a letter)");
        }
        String registryHost = uri.getAuthority();
        boolean authTried = false;
        int redirects = 0;
        int attempt = 1;
        while (true) {
            Map<String, String> h = new java.util.HashMap<>(headers);
            boolean toRegistry = uri.getAuthority().equals(registryHost);
            if (toRegistry) {
                authorization(ref).ifPresent(a -> h.put("Authorization", a));
            }
            Http.Response r;
            try {
                r = http.exchange(uri, method, h);
            } catch (IOException e) {
                if (plainOnLoopback(uri, e) && plainLoopback.add(uri.getAuthority())) {
                    uri = URI.create("http" + uri.toString().substring("https".length()));
                    continue;
                }
                // a certificate the client does not trust stays untrusted however often it is tried
                if (attempt < settings.attempts() && !(e instanceof javax.net.ssl.SSLException)
                        && !(e instanceof io.plimsoll.image.net.AddressRefusedException)) {
                    sleep(backoff(attempt++, Optional.empty()), subject);
                    continue;
                }
                throw new ImageException(subject, connectionProblem(uri, e), e);
            }
            int s = r.status();
            if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
                discard(r);
                Optional<String> location = r.header("Location");
                if (location.isEmpty() || ++redirects > MAX_REDIRECTS) {
                    throw new ImageException(subject, location.isEmpty() ? "redirect (" + s + ") without a Location"
                            : "more than " + MAX_REDIRECTS + " redirects for " + path);
                }
                URI next = uri.resolve(location.get());
                if (next.getScheme().equals("http") && uri.getScheme().equals("https")
                        && !plainHttpAllowed(next.getAuthority())) {
                    throw new ImageException(subject, "the registry redirected to plain HTTP (" + next.getHost()
                            + "); refusing to downgrade from HTTPS");
                }
                uri = next;
                continue;
            }
            if (s == 401 && toRegistry && !authTried) {
                authTried = true;
                Optional<Challenge> c = Challenge.parse(r.header("WWW-Authenticate").orElse(""));
                discard(r);
                if (c.isPresent() && authenticate(ref, c.get(), subject)) {
                    continue;
                }
                return r; // caller turns it into "authentication required"
            }
            if ((s == 429 || s >= 500) && attempt < settings.attempts()) {
                discard(r);
                sleep(backoff(attempt++, r.header("Retry-After")), subject);
                continue;
            }
            return r;
        }
    }

    /** Reacts to a challenge; false when there is nothing to try (e.g. Basic without credentials). */
    private boolean authenticate(RegistryReference ref, Challenge c, String subject) throws ImageException {
        if (credentials(ref).filter(Credentials::isRegistryToken).isPresent()) {
            return false; // the token was sent and refused; there is nothing else to try
        }
        if (c.isBasic()) {
            if (credentials(ref).isEmpty()) {
                return false;
            }
            basicHosts.put(ref.apiHost(), true);
            return true;
        }
        if (!c.isBearer() || c.param("realm").isEmpty()) {
            return false;
        }
        String scope = c.param("scope").isEmpty() ? scope(ref) : c.param("scope");
        StringBuilder url = new StringBuilder(c.param("realm"));
        url.append(url.indexOf("?") < 0 ? '?' : '&');
        if (!c.param("service").isEmpty()) {
            url.append("service=").append(URLEncoder.encode(c.param("service"), StandardCharsets.UTF_8)).append('&');
        }
        url.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        URI realm = URI.create(url.toString());
        if (realm.getScheme() == null || !(realm.getScheme().equals("https")
                || realm.getScheme().equals("http") && plainHttpAllowed(realm.getAuthority()))) {
            throw new ImageException(subject, "the registry's token service " + c.param("realm")
                    + " is not HTTPS; refusing to send credentials to it");
        }
        Map<String, String> h = new java.util.HashMap<>();
        credentials(ref).ifPresent(cr -> h.put("Authorization", cr.basicHeader()));
        try {
            Http.Response r = http.exchange(realm, "GET", h);
            byte[] body;
            try (InputStream in = r.body()) {
                body = in.readNBytes((int) MAX_MANIFEST_BYTES);
            }
            if (r.status() == 401 || r.status() == 403) {
                throw new ImageException(subject, "the token service " + realm.getHost() + " refused "
                        + credentials(ref).map(Credentials::describe)
                        .orElse("anonymous access") + " (HTTP " + r.status() + ")");
            }
            if (r.status() != 200) {
                throw new ImageException(subject, "the token service " + realm.getHost() + " answered HTTP "
                        + r.status());
            }
            JsonNode json = MAPPER.readTree(body);
            String token = json.path("token").asText(json.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new ImageException(subject, "the token service " + realm.getHost() + " returned no token");
            }
            tokens.put(ref.apiHost() + " " + scope(ref), token);
            return true;
        } catch (ImageException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageException(subject, connectionProblem(realm, e), e);
        }
    }

    private Optional<String> authorization(RegistryReference ref) throws ImageException {
        Optional<Credentials> preset = credentials(ref).filter(Credentials::isRegistryToken);
        if (preset.isPresent()) {
            return Optional.of("Bearer " + preset.get().password());
        }
        String token = tokens.get(ref.apiHost() + " " + scope(ref));
        if (token != null) {
            return Optional.of("Bearer " + token);
        }
        if (basicHosts.containsKey(ref.apiHost())) {
            return credentials(ref).map(Credentials::basicHeader);
        }
        return Optional.empty();
    }

    private Optional<Credentials> credentials(RegistryReference ref) throws ImageException {
        return settings.credentials().isPresent() ? settings.credentials()
                : settings.dockerConfig().lookup(ref.registry());
    }

    private static String scope(RegistryReference ref) {
        return "repository:" + ref.repository() + ":pull";
    }

    /** {@code https://HOST}, or {@code http://HOST} where plain HTTP is allowed. */
    String baseUri(RegistryReference ref) {
        return (plainHttpAllowed(ref.apiHost()) ? "http" : "https") + "://" + ref.apiHost();
    }

    /**
     * Plain HTTP only to this machine or hosts the user listed; anything else could be read or altered in transit.
     * {@code localhost}, {@code 127.0.0.1} and {@code ::1} get it straight away; the rest of 127.0.0.0/8 (which docker
     * also treats as insecure) once it has answered HTTPS with plain HTTP (see {@link #send}), so a registry there
     * with TLS keeps its TLS and its certificate checks.
     */
    private boolean plainHttpAllowed(String authority) {
        String host = authority.replaceFirst(":[0-9]+$", "");
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
                || plainLoopback.contains(authority)
                || settings.insecure().contains(authority) || settings.insecure().contains(host);
    }

    /** Loopback registries that answered HTTPS in plain HTTP: spoken to in plain HTTP from then on. */
    private final java.util.Set<String> plainLoopback = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Whether a failed HTTPS exchange was with a loopback address that does not speak TLS at all (its answer was
     * not a TLS record); a certificate it does not trust is a handshake failure and never falls back.
     */
    private static boolean plainOnLoopback(URI uri, IOException e) {
        return uri.getScheme().equals("https") && LOOPBACK_V4.matcher(uri.getHost()).matches()
                && e instanceof javax.net.ssl.SSLException && !(e instanceof javax.net.ssl.SSLHandshakeException);
    }

    /** A literal 127.x.y.z address (a name that resolves there is not trusted: DNS can say anything). */
    private static final java.util.regex.Pattern LOOPBACK_V4 =
            java.util.regex.Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    /** The clear error for a non-success answer, using the registry's own error code when it sent one. */
    private ImageException failure(RegistryReference ref, Http.Response r, InputStream body, String what)
            throws IOException {
        String subject = ref.toString();
        String code = "";
        String message = "";
        try {
            JsonNode errors = MAPPER.readTree(body.readNBytes(64 * 1024)).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                code = errors.get(0).path("code").asText("");
                message = errors.get(0).path("message").asText("");
            }
        } catch (IOException | RuntimeException ignored) {
            // not every registry (or proxy in front of one) answers with a JSON error body
        }
        int s = r.status();
        if (s == 401) {
            Optional<Credentials> c = credentials(ref);
            return new ImageException(subject, c.isPresent()
                    ? "authentication failed (HTTP 401): " + ref.registry() + " rejected " + c.get().describe()
                    : "authentication required (HTTP 401): log in with 'docker login " + ref.registry() + "'");
        }
        if (s == 403) {
            return new ImageException(subject, "access denied (HTTP 403) to " + ref.registry() + "/" + ref.repository());
        }
        if (s == 404 || code.endsWith("_UNKNOWN")) {
            if (code.equals("NAME_UNKNOWN")) {
                return new ImageException(subject, "repository '" + ref.repository() + "' not found in " + ref.registry());
            }
            return new ImageException(subject, what + " not found in " + ref.registry() + "/" + ref.repository());
        }
        return new ImageException(subject, "the registry answered HTTP " + s + " for " + what
                + (message.isEmpty() ? "" : " (" + code + ": " + message + ")"));
    }

    private Duration backoff(int attempt, Optional<String> retryAfter) {
        Duration d = settings.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
        if (retryAfter.isPresent() && retryAfter.get().matches("[0-9]+")) {
            d = Duration.ofSeconds(Long.parseLong(retryAfter.get()));
        }
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    private static void sleep(Duration d, String subject) throws ImageException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException(subject, "interrupted while waiting to retry");
        }
    }

    private static void discard(Http.Response r) {
        try (InputStream in = r.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the connection is dropped instead of reused; nothing else depends on it
        }
    }

    private static String connectionProblem(URI uri, IOException e) {
        if (e instanceof io.plimsoll.image.net.AddressRefusedException) {
            return "refused to connect: " + e.getMessage();
        }
        if (e instanceof SocketTimeoutException) {
            return "timed out talking to " + uri.getAuthority();
        }
        if (e instanceof javax.net.ssl.SSLHandshakeException) {
            return "TLS handshake with " + uri.getAuthority() + " failed: its certificate is not trusted or not for "
                    + "this host (" + e.getMessage() + "); for a private CA add its certificate with --ca-cert FILE";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "TLS with " + uri.getAuthority() + " failed (" + e.getMessage() + ")";
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + uri.getAuthority() + " (is the registry running and the address right?)";
        }
        return "talking to " + uri.getAuthority() + " failed (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + ")";
    }
}
