package io.plimsoll.image.net;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * HTTP/1.1's wire format as the project's own clients read it ({@link PinnedHttp} over TCP, {@link UnixSocketHttp}
 * over a daemon's Unix socket): a bounded response head, and a body framed by Content-Length, chunked transfer
 * coding or the connection's end. Every limit is here so that a hostile or broken peer cannot make a client buffer
 * without end.
 */
final class Http1 {

    static final int MAX_HEADER_LINE = 16 << 10;
    static final int MAX_HEADERS = 200;

    private Http1() {
    }

    /** A response's status line and header fields (names lower case). */
    record Head(String version, int status, Map<String, List<String>> fields) {

        Optional<String> header(String name) {
            List<String> values = fields.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        OptionalLong contentLength() {
            try {
                return header("Content-Length").map(v -> OptionalLong.of(Long.parseLong(v.trim())))
                        .orElse(OptionalLong.empty());
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }

        boolean chunked() {
            return header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
        }
    }

    /** Reads the status line (already read as {@code statusLine}) and the header fields that follow it. */
    static Head head(String statusLine, InputStream in, String peer) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException(peer + " did not answer HTTP/1.x");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException(peer + " sent a bad status line");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int n = 0; ; n++) {
            String l = line(in);
            if (l.isEmpty()) {
                break;
            }
            int colon = l.indexOf(':');
            if (colon <= 0 || n >= MAX_HEADERS) {
                throw new IOException(peer + " sent a bad or too long header block");
            }
            fields.computeIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(l.substring(colon + 1).trim());
        }
        return new Head(parts[0], status, fields);
    }

    /**
     * The body of an answer to {@code method}, framed as its head says; {@code reuse} gets the connection once the
     * body was read to its end (a body without a stated end closes the connection instead).
     */
    static InputStream body(String method, Head head, InputStream in, Closeable connection, Runnable reuse) {
        int status = head.status();
        if (method.equals("HEAD") || status == 204 || status == 304 || status < 200) {
            reuse.run();
            return InputStream.nullInputStream();
        }
        if (head.chunked()) {
            return new Chunked(in, connection, reuse);
        }
        if (head.contentLength().isPresent()) {
            return new Counted(in, connection, head.contentLength().getAsLong(), reuse);
        }
        return new Closing(in, connection);
    }

    /** One CRLF-terminated header line, at most {@value #MAX_HEADER_LINE} bytes. */
    static String line(InputStream in) throws IOException {
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

    static void closeQuietly(Closeable connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    /** A body read until the server closes the connection; closing it closes the connection. */
    private static class Closing extends FilterInputStream {
        private final Closeable connection;

        Closing(InputStream in, Closeable connection) {
            super(in);
            this.connection = connection;
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }

    /**
     * A body whose end is known: closed after it was read to that end, the connection is handed to {@code reuse}
     * (kept or closed as the answer allowed); closed before, the connection is closed (what is left is unread).
     */
    private abstract static class Framed extends Closing {
        private final Runnable reuse;
        private boolean closed;

        Framed(InputStream in, Closeable connection, Runnable reuse) {
            super(in, connection);
            this.reuse = reuse;
        }

        abstract boolean atEnd();

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (atEnd()) {
                reuse.run();
            } else {
                super.close();
            }
        }
    }

    /** A body of Content-Length bytes; ending early is an error, not a short body. */
    private static final class Counted extends Framed {
        private long left;

        Counted(InputStream in, Closeable connection, long length, Runnable reuse) {
            super(in, connection, reuse);
            this.left = length;
        }

        @Override
        boolean atEnd() {
            return left == 0;
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
    private static final class Chunked extends Framed {
        private long left;
        private boolean done;

        Chunked(InputStream in, Closeable connection, Runnable reuse) {
            super(in, connection, reuse);
        }

        @Override
        boolean atEnd() {
            return done;
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
                    for (int n = 0; !line(in).isEmpty(); n++) {
                        if (n >= MAX_HEADERS) {
                            throw new IOException("too many trailer fields after a chunked body");
                        }
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
            if (left == 0 && !line(in).isEmpty()) {
                throw new IOException("a chunk is longer than its stated size");
            }
            return n;
        }
    }
}
