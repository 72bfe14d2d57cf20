package io.plimsoll.image.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A container engine's API on a Unix socket, as far as saving an image goes: {@code GET /images/NAME/get} answers
 * the archive it was given for NAME, chunked as Docker streams it, or Docker's 404 body; NAME {@code silent} gets
 * no answer at all. The request targets it was sent are kept.
 */
public final class FakeEngine implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Path socket;
    private final Map<String, byte[]> images;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private FakeEngine(Path socket, Map<String, byte[]> images) throws IOException {
        this.socket = socket;
        this.images = images;
        Files.createDirectories(socket.getParent());
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = new Thread(this::acceptAll, "fake-engine");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Serves {@code images} (name as the API path carries it → docker-archive bytes) at {@code socket}. */
    public static FakeEngine start(Path socket, Map<String, byte[]> images) throws IOException {
        return new FakeEngine(socket, images);
    }

    public Path socket() {
        return socket;
    }

    /** The request targets received, e.g. {@code /images/app:1/get}. */
    public List<String> requests() {
        return requests;
    }

    private void acceptAll() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                open.add(c);
                Thread t = new Thread(() -> answer(c), "fake-engine-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void answer(SocketChannel c) {
        try {
            InputStream in = Channels.newInputStream(c);
            String requestLine = line(in);
            while (!line(in).isEmpty()) {
                // headers are not looked at
            }
            String target = requestLine.split(" ")[1];
            requests.add(target);
            OutputStream out = Channels.newOutputStream(c);
            String name = target.startsWith("/images/") && target.endsWith("/get")
                    ? target.substring("/images/".length(), target.length() - "/get".length()) : "";
            if (name.equals("silent")) {
                return; // keeps the connection open and says nothing
            }
            byte[] archive = images.get(name);
            if (archive == null) {
                byte[] body = ("{\"message\":\"No such image: " + name + "\"}\n").getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
            } else {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                for (int off = 0; off < archive.length; off += 7919) {
                    int n = Math.min(7919, archive.length - off);
                    out.write((Integer.toHexString(n) + (off == 0 ? ";ext=1" : "") + "\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(archive, off, n);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\nX-Trailer: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
            c.close();
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int ch; (ch = in.read()) != '\n'; ) {
            if (ch < 0) {
                throw new IOException("closed");
            }
            if (ch != '\r') {
                b.write(ch);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Stops answering but leaves the socket file, as an engine that died does. */
    public void closeKeepingSocketFile() throws IOException {
        server.close();
        // the JDK closes the listening socket only once the acceptor has left accept(), which it may do with a
        // connection made meanwhile: until the thread is gone, "nothing listens" is not yet true
        try {
            acceptor.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SocketChannel c : open) {
            c.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel c : open) {
            c.close();
        }
        Files.deleteIfExists(socket);
    }
}
