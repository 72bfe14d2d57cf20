package io.plimsoll.image.net;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 over a socket opened to an address the {@link AddressGuard} checked. The JDK's clients resolve the
 * host themselves, which leaves a window for a DNS answer to change after the check; here the host is resolved
 * once and the socket connects to that very address (TLS still verifies the certificate for, and sends SNI with,
 * the host name). Redirects are the caller's, so each hop is guarded.
 *
 * <p>Through a proxy ({@link ProxyRules}: the JVM's proxy properties or {@code HTTPS_PROXY}/{@code HTTP_PROXY} with
 * {@code NO_PROXY}) the socket goes to the proxy instead, and the guard checks the proxy's address as it would any
 * other (so a proxy on a private address needs private addresses allowed). The target's host name is still resolved
 * and checked before each request, but it is the proxy that resolves it again and connects: a DNS answer that
 * changes in between (rebinding) is then the proxy's to refuse. That is the trade-off of honouring a proxy at all;
 * a network that forces traffic through one has put it there to make exactly this decision. HTTPS goes through a
 * {@code CONNECT} tunnel, so TLS is still end to end with the target; plain HTTP sends the absolute URI.
 *
 * <p>A connection whose answer was read to its end, and that the server did not ask to close, is kept for the next
 * request to the same scheme, host and port (a registry pull makes many); it was connected to a checked address, so
 * reusing it resolves nothing. A kept connection the server has closed meanwhile is replaced by a new one (the
 * requests that may go again carry no body, so sending one again is safe).
 */
public final class PinnedHttp implements AutoCloseable {

    private static final int MAX_HEADERS = Http1.MAX_HEADERS;
    private static final int MAX_IDLE_PER_HOST = 4;
    private static final long IDLE_MILLIS = 30_000;

    private final AddressGuard guard;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final SSLSocketFactory tls;
    private final HttpClients clients;
    private final Map<Key, Deque<Connection>> idle = new HashMap<>();

    /**
     * @param readTimeout the longest stall between two reads
     * @param tls         the TLS context when more than the system's CAs are trusted
     * @param clients     the proxy rules and user agent
     */
    PinnedHttp(AddressGuard guard, Duration connectTimeout, Duration readTimeout, Optional<SSLContext> tls,
               HttpClients clients) {
        this.guard = guard;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.tls = tls.map(SSLContext::getSocketFactory).orElse((SSLSocketFactory) SSLSocketFactory.getDefault());
        this.clients = clients;
    }

    /**
     * An answer: header names are lower case; the body must be read to its end or closed. {@code address} is what
     * the socket connected to: the target, or the proxy when the request went through one.
     */
    public record Response(int status, URI uri, InetAddress address, Map<String, List<String>> headers,
                           InputStream body) {

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        public OptionalLong contentLength() {
            try {
                return header("Content-Length").map(v -> OptionalLong.of(Long.parseLong(v.trim())))
                        .orElse(OptionalLong.empty());
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
    }

    /** Where a kept connection leads: one per scheme, host and port (and proxy, which the rules fix per URI). */
    private record Key(String scheme, String host, int port) {
    }

    /** A socket with the buffered stream its answers are read from (kept across requests). */
    private record Connection(Key key, Socket socket, InputStream in, InetAddress address, long idleSince) {
        Connection idleFrom(long now) {
            return new Connection(key, socket, in, address, now);
        }
    }

    /**
     * Sends a request without a body to one of the checked addresses of {@code uri}, or through the proxy the rules
     * name for it.
     */
    public Response send(URI uri, String method, Map<String, String> headers) throws IOException {
        return send(uri, method, headers, null);
    }

    /**
     * Sends a request with {@code body} (null: none) as {@link #send(URI, String, Map)} does. A request with a body
     * always goes on a new connection: a kept one the server closed meanwhile would make it go twice.
     */
    public Response send(URI uri, String method, Map<String, String> headers, byte[] body) throws IOException {
        List<InetAddress> addresses = guard.resolve(uri); // the target is checked by name even through a proxy
        byte[] request = request(uri, method, headers, body);
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        Key key = new Key(https ? "https" : "http", host.toLowerCase(Locale.ROOT), port);
        for (Connection kept = body == null ? takeIdle(key) : null; kept != null; kept = takeIdle(key)) {
            try {
                return exchange(uri, method, request, kept);
            } catch (IOException e) {
                kept.socket().close();
                if (!(e instanceof StaleConnection)) {
                    throw e;
                } // else closed by the server while it was idle: try the next, then a new one
            }
        }
        Optional<InetSocketAddress> proxy = clients.proxies().proxyFor(uri);
        URI checked = uri;
        int connectPort = port;
        if (proxy.isPresent()) {
            checked = proxyUri(proxy.get());
            addresses = guard.resolve(checked);
            connectPort = proxy.get().getPort();
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, connectPort), HttpClients.millis(connectTimeout));
                guard.check(checked, socket.getInetAddress()); // what the socket is connected to, not what was asked
                socket.setSoTimeout(HttpClients.millis(readTimeout));
                Socket s = socket;
                if (https) {
                    if (proxy.isPresent()) {
                        tunnel(socket, uri, host, port);
                    }
                    s = secure(socket, host, port);
                }
                Connection c = new Connection(key, s, new BufferedInputStream(s.getInputStream(), 1 << 16), address, 0);
                return exchange(uri, method, request, c);
            } catch (AddressRefusedException e) {
                socket.close();
                throw e;
            } catch (IOException e) {
                socket.close();
                last = e instanceof StaleConnection stale ? stale.cause() : e;
            }
        }
        throw last != null ? last : new IOException(uri.getHost() + " has no address");
    }

    /** Closes the kept connections. */
    @Override
    public void close() {
        List<Connection> all = new ArrayList<>();
        synchronized (idle) {
            idle.values().forEach(all::addAll);
            idle.clear();
        }
        all.forEach(c -> closeQuietly(c.socket()));
    }

    private Connection takeIdle(Key key) {
        long now = System.currentTimeMillis();
        synchronized (idle) {
            Deque<Connection> q = idle.get(key);
            while (q != null && !q.isEmpty()) {
                Connection c = q.pollFirst();
                if (now - c.idleSince() < IDLE_MILLIS) {
                    return c;
                }
                closeQuietly(c.socket());
            }
            return null;
        }
    }

    private void keep(Connection c) {
        synchronized (idle) {
            Deque<Connection> q = idle.computeIfAbsent(c.key(), k -> new ArrayDeque<>());
            if (q.size() < MAX_IDLE_PER_HOST) {
                q.addFirst(c.idleFrom(System.currentTimeMillis()));
                return;
            }
        }
        closeQuietly(c.socket());
    }

    private static URI proxyUri(InetSocketAddress proxy) {
        String host = proxy.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + proxy.getPort());
    }

    /** Opens a CONNECT tunnel through the proxy {@code socket} is connected to. */
    private static void tunnel(Socket socket, URI uri, String host, int port) throws IOException {
        String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        OutputStream out = socket.getOutputStream();
        out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        // read byte by byte: what follows the proxy's answer is the TLS handshake, which must stay in the socket
        InputStream in = socket.getInputStream();
        String status = line(in);
        for (int n = 0; !line(in).isEmpty(); n++) {
            if (n >= MAX_HEADERS) {
                throw new IOException("the proxy sent a too long header block");
            }
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].equals("200")) {
            throw new IOException("the proxy refused a tunnel to " + uri.getAuthority() + ": " + status);
        }
    }

    private Socket secure(Socket plain, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) tls.createSocket(plain, host, port, true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host, not the address
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    private byte[] request(URI uri, String method, Map<String, String> headers, byte[] body) {
        boolean proxiedHttp = !uri.getScheme().equalsIgnoreCase("https") && clients.proxies().proxyFor(uri).isPresent();
        StringBuilder req = new StringBuilder();
        String authority = uri.getRawAuthority().replaceFirst("^.*@", "");
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        if (proxiedHttp) {
            target = "http://" + authority + target; // a proxy is sent the absolute URI
        }
        req.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        req.append("Host: ").append(authority).append("\r\n");
        req.append("User-Agent: ").append(clients.userAgent()).append("\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey();
            if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Connection")
                    || name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")) {
                throw new IllegalArgumentException("restricted header name: " + name);
            }
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || h.getValue().matches("(?s).*[\r\n\0].*")) {
                throw new IllegalArgumentException("invalid header: " + name);
            }
            if (!name.equalsIgnoreCase("User-Agent")) {
                req.append(name).append(": ").append(h.getValue()).append("\r\n");
            }
        }
        if (body != null) {
            req.append("Content-Length: ").append(body.length).append("\r\n");
        }
        req.append("\r\n");
        byte[] head = req.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return head;
        }
        byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** A kept connection that was closed before it answered: the request can go again on another. */
    private static final class StaleConnection extends IOException {
        StaleConnection(IOException cause) {
            super(cause);
        }

        IOException cause() {
            return (IOException) getCause();
        }
    }

    private Response exchange(URI uri, String method, byte[] request, Connection c) throws IOException {
        Socket socket = c.socket();
        InputStream in = c.in();
        String statusLine;
        try {
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            statusLine = line(in);
        } catch (SocketTimeoutException e) {
            throw e; // a server that is slow to answer is not a stale connection
        } catch (IOException e) {
            throw new StaleConnection(e);
        }
        Http1.Head head = Http1.head(statusLine, in, uri.getAuthority());
        boolean reusable = head.version().equals("HTTP/1.1") && head.header("Connection")
                .map(v -> !v.toLowerCase(Locale.ROOT).contains("close")).orElse(true)
                && head.header("Proxy-Connection").map(v -> !v.toLowerCase(Locale.ROOT).contains("close")).orElse(true);
        Runnable reuse = reusable ? () -> keep(c) : () -> closeQuietly(socket);
        InputStream body = Http1.body(method, head, in, socket, reuse);
        return new Response(head.status(), uri, c.address(), head.fields(), body);
    }

    private static void closeQuietly(Socket socket) {
        Http1.closeQuietly(socket);
    }

    private static String line(InputStream in) throws IOException {
        return Http1.line(in);
    }
}
