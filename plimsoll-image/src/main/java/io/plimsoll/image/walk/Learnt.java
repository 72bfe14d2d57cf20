package io.plimsoll.image.walk;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The encoding learning interests write what they learnt in ({@link LearningInterest#learn}): numbers, strings, and
 * lists and maps of strings, big-endian and length-prefixed like the layer cache's header around it. Binary rather
 * than JSON for the same reason as that header: a warm re-scan decodes thousands of these in a process too short
 * for Jackson's set-up to pay off.
 */
public final class Learnt {

    private Learnt() {
    }

    /** Nothing learnt: the answer for most files an interest looks at (a script among executables). */
    public static final byte[] NOTHING = new byte[0];

    /** Builds one answer. */
    public static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(bytes);

        public Writer integer(int v) {
            try {
                out.writeInt(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a byte array does not fail
            }
            return this;
        }

        public Writer string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            integer(b.length);
            bytes.writeBytes(b);
            return this;
        }

        /** A string that may be null. */
        public Writer nullable(String s) {
            return s == null ? integer(-1) : string(s);
        }

        public Writer strings(List<String> list) {
            integer(list.size());
            list.forEach(this::string);
            return this;
        }

        /** A map's entries in its iteration order. */
        public Writer map(Map<String, String> map) {
            integer(map.size());
            map.forEach((k, v) -> string(k).string(v));
            return this;
        }

        public byte[] toBytes() {
            return bytes.toByteArray();
        }
    }

    /**
     * Reads an answer back; anything short or out of bounds is an {@link IOException} naming what was being read
     * (a recording is checksummed, so this means a bug or another build's encoding, never a damaged disk).
     */
    public static final class Reader {
        private final ByteBuffer in;

        public Reader(byte[] learnt) {
            this.in = ByteBuffer.wrap(learnt);
        }

        public boolean atEnd() {
            return !in.hasRemaining();
        }

        public int integer() throws IOException {
            try {
                return in.getInt();
            } catch (BufferUnderflowException e) {
                throw new IOException("recorded answer cut short");
            }
        }

        /** A count of things each at least 4 bytes long, checked against what is left. */
        public int count() throws IOException {
            int n = integer();
            if (n < 0 || n > in.remaining() / 4) {
                throw new IOException("recorded answer holds a list of " + n + " in " + in.remaining() + " bytes");
            }
            return n;
        }

        public String string() throws IOException {
            int n = integer();
            if (n < 0 || n > in.remaining()) {
                throw new IOException("recorded answer holds a string of " + n + " bytes in " + in.remaining());
            }
            String s = new String(in.array(), in.position(), n, StandardCharsets.UTF_8);
            in.position(in.position() + n);
            return s;
        }

        /** What {@link Writer#nullable} wrote. */
        public String nullable() throws IOException {
            int at = in.position();
            if (integer() == -1) {
                return null;
            }
            in.position(at);
            return string();
        }

        public List<String> strings() throws IOException {
            int n = count();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(string());
            }
            return out;
        }

        /** A map in the order it was written. */
        public Map<String, String> map() throws IOException {
            int n = count();
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                out.put(string(), string());
            }
            return out;
        }

        /** Fails unless everything was read: a shorter reading means the two sides disagree. */
        public void end() throws IOException {
            if (in.hasRemaining()) {
                throw new IOException("recorded answer has " + in.remaining() + " bytes more than was read");
            }
        }
    }
}
