package io.plimsoll.image.testing;

import io.plimsoll.image.net.ProxyRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP proxy that records what it is asked and passes every request to one upstream port, whatever host
 * the request names: a test can address {@code http://registry.proxied.test/} (a name that resolves nowhere), and
 * only a client that really goes through the proxy reaches the upstream. Handles absolute-URI requests (one per
 * connection: it answers {@code Connection: close}) and {@code CONNECT} tunnels.
 */
public final class RecordingProxy implements AutoCloseable {

    /** One request as the proxy saw it: {@code GET http://host/path} or {@code CONNECT host:443}. */
    public record Seen(String method, String target, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket listener;
    private final int upstreamPort;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private RecordingProxy(int upstreamPort) throws IOException {
        this.listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        Thread accept = new Thread(this::accept, "recording-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    /** A proxy that sends everything to {@code 127.0.0.1:upstreamPort}. */
    public static RecordingProxy to(int upstreamPort) throws IOException {
        return new RecordingProxy(upstreamPort);
    }

    /** {@code http://127.0.0.1:PORT}, as HTTPS_PROXY / HTTP_PROXY would say it. */
    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** Rules that send every request except those for {@code noProxy} hosts through this proxy. */
    public ProxyRules rules(String noProxy) {
        return ProxyRules.from(Map.of("HTTPS_PROXY", url(), "HTTP_PROXY", url(), "NO_PROXY", noProxy),
                new Properties());
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread t = new Thread(() -> serve(client), "recording-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            InputStream in = client.getInputStream();
            String requestLine = line(in);
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            StringBuilder forwarded = new StringBuilder();
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                int colon = l.indexOf(':');
                String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.put(name, l.substring(colon + 1).trim());
                if (!name.equals("connection") && !name.equals("proxy-connection")) {
                    forwarded.append(l).append("\r\n");
                }
            }
            String[] parts = requestLine.split(" ", 3);
            seen.add(new Seen(parts[0], parts[1], Map.copyOf(headers)));
            OutputStream toClient = client.getOutputStream();
            OutputStream toUpstream = upstream.getOutputStream();
            if (parts[0].equals("CONNECT")) {
                toClient.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                toClient.flush();
                Thread up = new Thread(() -> pipe(in, toUpstream), "recording-proxy-up");
                up.setDaemon(true);
                up.start();
                pipe(upstream.getInputStream(), toClient);
                return;
            }
            String path = parts[1].replaceFirst("^[a-zA-Z]+://[^/]*", "");
            toUpstream.write((parts[0] + " " + (path.isEmpty() ? "/" : path) + " " + parts[2] + "\r\n" + forwarded
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String length = headers.get("content-length");
            if (length != null) {
                toUpstream.write(in.readNBytes(Integer.parseInt(length)));
            }
            toUpstream.flush();
            pipe(upstream.getInputStream(), toClient);
        } catch (IOException | RuntimeException e) {
            // the client sees the connection close
        }
    }

    private static void pipe(InputStream from, OutputStream to) {
        try {
            from.transferTo(to);
            to.flush();
        } catch (IOException e) {
            // one side closed
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("closed");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
