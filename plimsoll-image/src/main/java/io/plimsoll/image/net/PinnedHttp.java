package io.plimsoll.image.net;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * the host name). One request per connection; redirects are the caller's, so each hop is guarded.
 */
public final class PinnedHttp {

    private static final int MAX_HEADER_LINE = 16 << 10;
    private static final int MAX_HEADERS = 200;

    private final AddressGuard guard;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final SSLSocketFactory tls;

    /**
     * @param readTimeout the longest stall between two reads
     * @param tls         the TLS context when more than the system's CAs are trusted
     */
    public PinnedHttp(AddressGuard guard, Duration connectTimeout, Duration readTimeout, Optional<SSLContext> tls) {
        this.guard = guard;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.tls = tls.map(SSLContext::getSocketFactory).orElse((SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** An answer: header names are lower case; the body must be read to its end or closed. */
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

    /** Sends a request without a body to one of the checked addresses of {@code uri}. */
    public Response send(URI uri, String method, Map<String, String> headers) throws IOException {
        List<InetAddress> addresses = guard.resolve(uri);
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) Math.min(Integer.MAX_VALUE,
                        connectTimeout.toMillis()));
                guard.check(uri, socket.getInetAddress()); // what the socket is connected to, not what was asked
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
                String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                        : uri.getHost();
                return exchange(uri, method, headers, https ? secure(socket, host, port) : socket, address);
            } catch (AddressRefusedException e) {
                socket.close();
                throw e;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException(uri.getHost() + " has no address");
    }

    private Socket secure(Socket plain, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) tls.createSocket(plain, host, port, true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host, not the address
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    private static Response exchange(URI uri, String method, Map<String, String> headers, Socket socket,
                                     InetAddress address) throws IOException {
        StringBuilder req = new StringBuilder();
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        req.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        req.append("Host: ").append(uri.getRawAuthority().replaceFirst("^.*@", "")).append("\r\n");
        req.append("Connection: close\r\n");
        req.append("User-Agent: plimsoll\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey();
            if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Connection")
                    || name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")) {
                throw new IllegalArgumentException("restricted header name: " + name);
            }
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || h.getValue().matches("(?s).*[\r\n\0].*")) {
                throw new IllegalArgumentException("invalid header: " + name);
            }
            req.append(name).append(": ").append(h.getValue()).append("\r\n");
        }
        req.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();

        InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException(uri.getAuthority() + " did not answer HTTP/1.x");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException(uri.getAuthority() + " sent a bad status line");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int n = 0; ; n++) {
            String l = line(in);
            if (l.isEmpty()) {
                break;
            }
            int colon = l.indexOf(':');
            if (colon <= 0 || n >= MAX_HEADERS) {
                throw new IOException(uri.getAuthority() + " sent a bad or too long header block");
            }
            fields.computeIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(l.substring(colon + 1).trim());
        }
        Response head = new Response(status, uri, address, fields, InputStream.nullInputStream());
        InputStream body;
        if (method.equals("HEAD") || status == 204 || status == 304 || status < 200) {
            body = InputStream.nullInputStream();
            socket.close();
        } else if (head.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
                .orElse(false)) {
            body = new Chunked(in, socket);
        } else if (head.contentLength().isPresent()) {
            body = new Counted(in, socket, head.contentLength().getAsLong());
        } else {
            body = new Closing(in, socket);
        }
        return new Response(status, uri, address, fields, body);
    }

    /** One CRLF-terminated header line, at most {@value #MAX_HEADER_LINE} bytes. */
    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("the connection closed in the middle of the response head");
            }
            if (sb.length() >= MAX_HEADER_LINE) {
                throw new IOException("a response header line is longer than " + MAX_HEADER_LINE + " bytes");
            }
            sb.append((char) c);
        }
        int end = sb.length();
        if (end > 0 && sb.charAt(end - 1) == '\r') {
            sb.setLength(end - 1);
        }
        return sb.toString();
    }

    /** A body read until the server closes the connection; closing it closes the socket. */
    private static class Closing extends FilterInputStream {
        private final Socket socket;

        Closing(InputStream in, Socket socket) {
            super(in);
            this.socket = socket;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A body of Content-Length bytes; ending early is an error, not a short body. */
    private static final class Counted extends Closing {
        private long left;

        Counted(InputStream in, Socket socket, long length) {
            super(in, socket);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection closed " + left + " bytes before the end of the body");
            }
            left -= n;
            return n;
        }
    }

    /** A chunked body. */
    private static final class Chunked extends Closing {
        private long left;
        private boolean done;

        Chunked(InputStream in, Socket socket) {
            super(in, socket);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in).split(";", 2)[0].trim();
                try {
                    left = Long.parseLong(size, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size in a chunked body");
                }
                if (left < 0) {
                    throw new IOException("bad chunk size in a chunked body");
                }
                if (left == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers are not used
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection closed in the middle of a chunk");
            }
            left -= n;
            if (left == 0) {
                line(in); // the CRLF after the chunk
            }
            return n;
        }
    }
}
