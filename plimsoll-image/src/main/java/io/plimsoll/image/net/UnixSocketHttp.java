package io.plimsoll.image.net;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 GETs over a Unix domain socket, as a container engine's API is served ({@code /var/run/docker.sock},
 * podman's {@code podman.sock}). The JDK's HTTP clients speak TCP only and no well-kept library for this is among
 * the project's dependencies, so this is the small client the engines need: one request per connection
 * ({@code Connection: close}), the answer read through {@link Http1}'s framing (engines stream large bodies
 * chunked).
 *
 * <p>A socket channel has no read timeout, so a watchdog closes the connection when the engine sends nothing for
 * {@code stall}: an engine that accepts and never answers fails the request instead of hanging the scan.
 */
public final class UnixSocketHttp {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "plimsoll-socket-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Path socket;
    private final Duration stall;
    private final String userAgent;

    /**
     * @param stall the longest the engine may send nothing (before its answer and between two reads of the body)
     */
    public UnixSocketHttp(Path socket, Duration stall, String userAgent) {
        this.socket = socket;
        this.stall = stall;
        this.userAgent = userAgent;
    }

    /** An answer: header names lower case; the body must be read to its end or closed (which closes the socket). */
    public record Response(int status, Map<String, List<String>> headers, InputStream body) {

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    /**
     * GETs {@code pathAndQuery} (already percent-encoded). Connecting fails with the JDK's own exceptions (no such
     * socket, permission denied, nothing listening), which the caller turns into advice.
     */
    public Response get(String pathAndQuery) throws IOException {
        if (!pathAndQuery.startsWith("/") || pathAndQuery.matches("(?s).*[\\s\0].*")) {
            throw new IllegalArgumentException("not a request target: " + pathAndQuery);
        }
        URI.create(pathAndQuery); // refuses what is not already a valid, encoded target
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Watched watched = new Watched(channel, stall);
            OutputStream out = Channels.newOutputStream(channel);
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nUser-Agent: " + userAgent
                    + "\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(watched, 1 << 16);
            Http1.Head head = Http1.head(Http1.line(in), in, socket.toString());
            InputStream body = Http1.body("GET", head, in, watched, () -> Http1.closeQuietly(watched));
            return new Response(head.status(), head.fields(), body);
        } catch (IOException | RuntimeException e) {
            Http1.closeQuietly(channel);
            throw e;
        }
    }

    /**
     * The channel's bytes; a read that waits longer than the stall limit finds the channel closed by the watchdog
     * and fails with a message that says so.
     */
    private static final class Watched extends FilterInputStream implements Closeable {
        private final SocketChannel channel;
        private final Duration stall;
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean stalled;
        private final ScheduledFuture<?> check;

        Watched(SocketChannel channel, Duration stall) {
            super(Channels.newInputStream(channel));
            this.channel = channel;
            this.stall = stall;
            long period = Math.max(10, Math.min(1000, stall.toMillis() / 4));
            this.check = WATCHDOG.scheduleAtFixedRate(this::checkStall, period, period, TimeUnit.MILLISECONDS);
        }

        private void checkStall() {
            if (System.nanoTime() - lastProgress > stall.toNanos()) {
                stalled = true;
                check.cancel(false);
                Http1.closeQuietly(channel);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            lastProgress = System.nanoTime();
            try {
                int n = in.read(b, off, len);
                lastProgress = System.nanoTime();
                return n;
            } catch (IOException e) {
                if (stalled) {
                    throw new IOException("the engine sent nothing for " + (stall.toMillis() < 1000 ? stall.toMillis() + " ms"
                            : stall.toSeconds() + " s"), e);
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            check.cancel(false);
            channel.close();
        }
    }
}
