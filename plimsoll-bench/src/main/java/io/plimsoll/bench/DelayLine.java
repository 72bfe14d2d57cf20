package io.plimsoll.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A TCP proxy on 127.0.0.1 that delivers every byte, each way, {@code oneWay} after it arrived: a local registry
 * with a network's round trip in front of it (no bandwidth cap), so what a pull spends waiting for answers shows
 * apart from what the machine's load does to the run.
 */
final class DelayLine implements AutoCloseable {

    private record Chunk(long dueNanos, byte[] bytes) {
    }

    private static final Chunk END = new Chunk(0, new byte[0]);

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long delayNanos;

    DelayLine(InetSocketAddress target, Duration oneWay) throws IOException {
        this.target = target;
        this.delayNanos = oneWay.toNanos();
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::acceptAll);
    }

    /** {@code 127.0.0.1:PORT}, to use in place of the target's address. */
    String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        BlockingQueue<Chunk> line = new LinkedBlockingQueue<>();
        daemon(() -> {
            byte[] buf = new byte[64 << 10];
            try (InputStream in = from.getInputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    line.add(new Chunk(System.nanoTime() + delayNanos, java.util.Arrays.copyOf(buf, n)));
                }
            } catch (IOException ignored) {
                // the connection ended
            }
            line.add(END);
        });
        daemon(() -> {
            try (OutputStream out = to.getOutputStream()) {
                for (Chunk c = line.take(); c != END; c = line.take()) {
                    long wait = c.dueNanos() - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    out.write(c.bytes());
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException ignored) {
                // the other side went away
            }
        });
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "delay-line");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
