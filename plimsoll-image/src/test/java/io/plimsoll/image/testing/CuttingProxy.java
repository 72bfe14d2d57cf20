package io.plimsoll.image.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback TCP proxy that passes everything through until one response has carried {@code cutAfter} bytes, then
 * closes both sides of that connection: a server dying in the middle of a big transfer, at an exact point and every
 * time (a test that kills the real server when it sees the download start races the download).
 */
public final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final long cutAfter;
    private final AtomicBoolean cut = new AtomicBoolean();

    private CuttingProxy(int targetPort, long cutAfter) throws IOException {
        this.listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.cutAfter = cutAfter;
        Thread accept = new Thread(this::accept, "cutting-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    /** A proxy to {@code 127.0.0.1:targetPort} that cuts the first connection whose replies pass {@code cutAfter}. */
    public static CuttingProxy start(int targetPort, long cutAfter) throws IOException {
        return new CuttingProxy(targetPort, cutAfter);
    }

    /** {@code 127.0.0.1:PORT}, as a registry host. */
    public String host() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** Whether a connection was cut. */
    public boolean didCut() {
        return cut.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                daemon(() -> pump(client, upstream, Long.MAX_VALUE));
                daemon(() -> pump(upstream, client, cutAfter));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, long limit) {
        byte[] buf = new byte[1 << 16];
        long passed = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (passed + n > limit) {
                    out.write(buf, 0, (int) (limit - passed));
                    out.flush();
                    cut.set(true);
                    break;
                }
                out.write(buf, 0, n);
                out.flush();
                passed += n;
            }
        } catch (IOException e) {
            // the other side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "cutting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
