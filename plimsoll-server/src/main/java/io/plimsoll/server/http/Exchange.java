package io.plimsoll.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * One request and the response being built for it. Bodies are read whole, up to the configured limit, because
 * every API body is a JSON document of bounded size; the response is written by the server after the route returns.
 */
public final class Exchange {

    public static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .findAndRegisterModules();

    private final Request request;
    private final Map<String, String> params;
    private final String requestId;
    private final long maxBody;
    private Fields query;

    private int status = 200;
    private String contentType = "application/json";
    private byte[] body = new byte[0];
    /** Whether a route asked for the request's body: one left unread makes the answer close the connection. */
    private boolean bodyTaken;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Optional<Principal> principal = Optional.empty();

    Exchange(Request request, Map<String, String> params, String requestId, long maxBody) {
        this.request = request;
        this.params = params;
        this.requestId = requestId;
        this.maxBody = maxBody;
    }

    public String method() {
        return request.getMethod();
    }

    public String path() {
        return Request.getPathInContext(request);
    }

    public String requestId() {
        return requestId;
    }

    /** The caller's name (user or token subject), for logs. */
    public Optional<String> subject() {
        return principal.map(Principal::name);
    }

    /** Who the request acts for; set by the {@link Authenticator} before any non-public route runs. */
    public Principal principal() {
        return principal.orElseThrow(() -> new IllegalStateException("route is public: it has no caller"));
    }

    void principal(Principal p) {
        principal = Optional.of(p);
    }

    /** A path parameter from the route template, e.g. {@code digest}. */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return v;
    }

    public Optional<String> query(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        }
        return Optional.ofNullable(query.getValue(name)).filter(s -> !s.isEmpty());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    public List<String> headerValues(String name) {
        return request.getHeaders().getFields(name).stream().map(HttpField::getValue).toList();
    }

    /** The remote address, for logs. */
    public String remote() {
        return Request.getRemoteAddr(request);
    }

    /** The base URL this request came in on, e.g. {@code http://127.0.0.1:6060}. */
    public String baseUrl() {
        var uri = request.getHttpURI();
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /**
     * Reads and drops a body no route read (refused before it, or a route that has no use for one), up to the body
     * limit. Jetty closes a connection whose request body is left unread, and the reset that follows can destroy the
     * answer before the client reads it: a 401 to a POST then reads as "header parser received no bytes". Returns
     * whether the connection may stay open: false for a body over the limit or one that cannot be read, which the
     * answer then closes the connection on.
     */
    boolean drainUnreadBody() {
        boolean unread = !bodyTaken && (request.getLength() > 0
                || request.getHeaders().contains(org.eclipse.jetty.http.HttpHeader.TRANSFER_ENCODING));
        if (!unread) {
            return true;
        }
        bodyTaken = true;
        if (request.getLength() > maxBody) {
            return false;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] buffer = new byte[16 << 10];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBody) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The request body, refused with 413 when larger than the limit (checked while reading, not just by header). */
    public byte[] body() {
        bodyTaken = true;
        long declared = request.getLength();
        if (declared > maxBody) {
            throw tooLarge();
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes((int) Math.min(maxBody + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxBody) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new ApiException(400, "bad-request", "cannot read the request body: " + e.getMessage());
        }
    }

    private ApiException tooLarge() {
        return tooLarge(maxBody);
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(413, "too-large", "request body larger than " + limit + " bytes");
    }

    /**
     * The request body as a stream, for the one route that takes a large binary body (a layer upload): refused
     * with 413 when the declared length is over {@code limit}, and the stream throws the same 413 as soon as more
     * than {@code limit} bytes arrive (a chunked body declares no length). The JSON body limit does not apply.
     */
    public InputStream rawBody(long limit) {
        bodyTaken = true;
        if (request.getLength() > limit) {
            throw tooLarge(limit);
        }
        return new java.io.FilterInputStream(Content.Source.asInputStream(request)) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? -1 : 1);
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                count(n);
                return n;
            }

            private void count(int n) {
                if (n > 0 && (read += n) > limit) {
                    throw tooLarge(limit);
                }
            }
        };
    }

    /** The body as JSON; malformed JSON is a 400 naming where it broke. */
    public JsonNode json() {
        byte[] b = body();
        if (b.length == 0) {
            throw ApiException.badRequest("request body is empty; expected JSON");
        }
        try {
            return JSON.readTree(b);
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() : ""));
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
        }
    }

    /** The body bound to a type; a mismatch is a 400. */
    public <T> T json(Class<T> type) {
        JsonNode node = json();
        try {
            return JSON.treeToValue(node, type);
        } catch (JacksonException e) {
            throw ApiException.badRequest("invalid " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    public Exchange status(int status) {
        this.status = status;
        return this;
    }

    public Exchange header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Responds with {@code value} as JSON (a JsonNode, a record, a map...). */
    public void json(int status, Object value) {
        respond(status, "application/json", bytes(value));
    }

    /** {@code value} as a JSON response body. */
    public static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
    }

    public void respond(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    public void noContent() {
        respond(204, null, new byte[0]);
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    byte[] responseBody() {
        return body;
    }

    Map<String, String> responseHeaders() {
        return headers;
    }
}
