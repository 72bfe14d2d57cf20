package io.plimsoll.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.layer.BlobOpener;
import io.plimsoll.image.net.HttpClients;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * The calls {@code plimsoll scan --server} makes to a Plimsoll server: Clair's indexer and matcher API, the
 * Anchore-style feed list, and Plimsoll's layer upload. Every call has a connect timeout and a response timeout;
 * every failure is a {@link ServerException} whose message names the server.
 */
public final class ServerClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String LAYER_PATH = "/indexer/api/v1/layer/";

    private final String base;
    private final Optional<String> token;
    private final HttpClient http;
    private final Duration shortCall;
    private final Duration longCall;
    /** How long a call may keep waiting out a busy server's 503s in all. */
    private final Duration busyWait;
    static final long MAX_ONE_WAIT_SECONDS = 30;

    /**
     * @param url       the server's base URL ({@code http(s)://host:port}, any path prefix kept)
     * @param token     a bearer JWT, when the server wants one
     * @param connect   how long to wait for a connection
     * @param shortCall the response limit of queries; uploads and indexing get {@code longCall} (they read layers)
     */
    public ServerClient(String url, Optional<String> token, Duration connect, Duration shortCall, Duration longCall) {
        this(url, token, connect, shortCall, longCall, Duration.ofMinutes(5));
    }

    /** @param busyWait how long a call may wait out a busy server's 503 + Retry-After answers in all */
    public ServerClient(String url, Optional<String> token, Duration connect, Duration shortCall, Duration longCall,
                        Duration busyWait) {
        this.base = checkUrl(url);
        this.token = token;
        this.http = HttpClients.system().client(connect, Optional.empty()).build();
        this.shortCall = shortCall;
        this.longCall = longCall;
        this.busyWait = busyWait;
    }

    public static ServerClient withDefaultTimeouts(String url, Optional<String> token) {
        return new ServerClient(url, token, Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(30));
    }

    private static String checkUrl(String url) {
        try {
            URI u = new URI(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new ServerException("--server '" + url + "' is not an http:// or https:// URL");
            }
        } catch (URISyntaxException e) {
            throw new ServerException("--server '" + url + "' is not a valid URL: " + e.getMessage());
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String base() {
        return base;
    }

    /** Where the server keeps a layer: the URI the manifest lists (never fetched once the layer is known). */
    public String layerUri(Digest layer) {
        return base + LAYER_PATH + layer;
    }

    /** Whether the server's layer index already has this layer. */
    public boolean hasLayer(Digest layer) {
        HttpResponse<String> r = send(request(LAYER_PATH + layer, shortCall).method("HEAD",
                HttpRequest.BodyPublishers.noBody()), "HEAD " + LAYER_PATH + layer);
        if (r.statusCode() == 200) {
            return true;
        }
        if (r.statusCode() == 404) {
            return false;
        }
        throw failure("HEAD " + LAYER_PATH + layer, r);
    }

    /** Streams a layer's stored blob to the server, which verifies it against {@code layer} and records it. */
    public void uploadLayer(Digest layer, BlobOpener blob) {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return blob.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // 100-continue: the server reads the body only once it has an indexing slot or does not know the layer, so
        // a known layer or a busy server (503) is answered before a byte of it is sent, and the 503 is not lost to
        // the reset of a connection closed with the body unread
        HttpRequest.Builder b = request(LAYER_PATH + layer, longCall).header("Content-Type",
                "application/octet-stream").expectContinue(true).POST(body);
        HttpResponse<String> r;
        try {
            r = send(b, "POST " + LAYER_PATH + layer);
        } catch (UncheckedIOException e) {
            throw new ServerException("cannot read layer " + layer + " to upload it: " + e.getCause().getMessage());
        }
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw failure("the upload of layer " + layer, r);
        }
    }

    /** {@code POST /indexer/api/v1/index_report}; an index report that is not finished is a failure. */
    public JsonNode index(JsonNode manifest) {
        String path = "/indexer/api/v1/index_report";
        HttpResponse<String> r = send(request(path, longCall).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(manifest.toString())), "POST " + path);
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw failure("POST " + path, r);
        }
        JsonNode report = parse(r, "POST " + path);
        if (!report.path("success").asBoolean(false)) {
            throw new ServerException("the Plimsoll server at " + base + " could not index the image: "
                    + report.path("err").asText(report.path("state").asText("no reason given")));
        }
        return report;
    }

    /** {@code GET /matcher/api/v1/vulnerability_report/{digest}} (Clair answers 201 to it; 200 is taken too). */
    public JsonNode vulnerabilityReport(String manifest) {
        String path = "/matcher/api/v1/vulnerability_report/" + manifest;
        HttpResponse<String> r = send(request(path, shortCall).GET(), "GET " + path);
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw failure("GET " + path, r);
        }
        return parse(r, "GET " + path);
    }

    /** Where the server's advice for an indexed manifest is (a Plimsoll extension beside the matcher's report). */
    public String advicePath(String manifest) {
        return io.plimsoll.server.index.MatcherModule.ADVICE_PATH + manifest;
    }

    /**
     * {@code GET /matcher/api/v1/advice/{digest}} for a manifest just indexed: the plimsoll-advice/1 document over
     * the server's data; empty when the server has no such route (a server older than the route answers 404 "no
     * such endpoint"; another Clair-style server may answer 404 without a body).
     */
    public Optional<JsonNode> advice(String manifest) {
        String path = advicePath(manifest);
        HttpResponse<String> r = send(request(path, shortCall).GET(), "GET " + path);
        if (r.statusCode() == 404 && (message(r).isEmpty() || message(r).startsWith("no such endpoint"))) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw failure("GET " + path, r);
        }
        return Optional.of(parse(r, "GET " + path));
    }

    /** The feed list, when the server serves it (a server without the API role does not: the age is unknown). */
    public Optional<JsonNode> feeds() {
        String path = "/v1/system/feeds";
        HttpResponse<String> r = send(request(path, shortCall).GET(), "GET " + path);
        if (r.statusCode() == 404 || r.statusCode() == 405) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw failure("GET " + path, r);
        }
        return Optional.of(parse(r, "GET " + path));
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder b = HttpClients.system().request(URI.create(base + path), timeout)
                .header("Accept", "application/json");
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b;
    }

    /**
     * Sends the request, again while the server answers 503 with a {@code Retry-After} (it does when every indexing
     * slot is taken and its queue is full): a busy server is a CI job's wait, not its failure. Each wait is what the
     * server asked, between 1 and {@value #MAX_ONE_WAIT_SECONDS} s, and all of them together at most
     * {@link #busyWait}; a 503 without the header (a proxy's, say) is answered as it is.
     */
    private HttpResponse<String> send(HttpRequest.Builder b, String what) {
        HttpRequest request = b.build();
        long waitedMillis = 0;
        while (true) {
            HttpResponse<String> r = sendOnce(request, what);
            Optional<Long> retryAfter = r.statusCode() == 503 ? retryAfterSeconds(r) : Optional.empty();
            if (retryAfter.isEmpty()) {
                return r;
            }
            long waitMillis = Math.max(1, Math.min(MAX_ONE_WAIT_SECONDS, retryAfter.get())) * 1000;
            if (waitedMillis + waitMillis > busyWait.toMillis()) {
                throw new ServerException("the Plimsoll server at " + base + " was still busy (503) after "
                        + waitedMillis / 1000 + " s of retrying " + what + (message(r).isEmpty() ? "" : ": " + message(r)));
            }
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerException("interrupted while waiting for the Plimsoll server at " + base);
            }
            waitedMillis += waitMillis;
        }
    }

    /** Retry-After in seconds (delta-seconds; an HTTP date is read as its distance from now). */
    private static Optional<Long> retryAfterSeconds(HttpResponse<String> r) {
        Optional<String> value = r.headers().firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().matches("\\d{1,9}")) {
            return Optional.of(Long.parseLong(value.get()));
        }
        try {
            java.time.ZonedDateTime at = java.time.ZonedDateTime.parse(value.get(),
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
            return Optional.of(Math.max(0, Duration.between(java.time.Instant.now(), at.toInstant()).toSeconds()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private HttpResponse<String> sendOnce(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ServerException("the Plimsoll server at " + base + " did not answer " + what + " in time ("
                    + e.getMessage() + ")");
        } catch (IOException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u;
            }
            throw new ServerException("cannot reach the Plimsoll server at " + base + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException("interrupted while waiting for the Plimsoll server at " + base);
        }
    }

    private JsonNode parse(HttpResponse<String> r, String what) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new ServerException("the Plimsoll server at " + base + " answered " + what
                    + " with something that is not JSON: " + e.getMessage());
        }
    }

    /** The {@code message} of Clair's error body; empty when the body is not one. */
    private static String message(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body()).path("message").asText("");
        } catch (IOException | RuntimeException ignored) {
            // not Clair's error body: the status says enough
            return "";
        }
    }

    private ServerException failure(String what, HttpResponse<String> r) {
        String message = message(r);
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            return new ServerException("the Plimsoll server at " + base + " refused the request (" + r.statusCode()
                    + (message.isEmpty() ? "" : ": " + message) + "); give it a valid bearer token with "
                    + "--server-token-file or PLIMSOLL_SERVER_TOKEN");
        }
        return new ServerException("the Plimsoll server at " + base + " answered " + r.statusCode() + " to " + what
                + (message.isEmpty() ? "" : ": " + message));
    }
}
