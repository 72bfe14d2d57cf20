package io.plimsoll.image.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReference;
import io.plimsoll.image.layer.Bytes;
import io.plimsoll.image.net.HttpClients;
import io.plimsoll.image.net.UnixSocketHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code docker:NAME} and {@code podman:NAME}: the engine saves the image ({@code GET /images/NAME/get}, the Docker
 * Engine API that podman's compatibility API serves too) and the answer is read as the {@code docker save} archive it
 * is. The archive's {@code manifest.json} comes after the layers, so the stream is spooled to a temporary file
 * (owner-only, at most the image's expansion limit, deleted when the source closes) and read in place from there.
 */
final class EngineSave {

    /** The longest an engine may send nothing: exporting a large image starts slowly, but never this slowly. */
    static final Duration STALL = Duration.ofMinutes(2);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EngineSave() {
    }

    static DockerArchiveSource open(ImageReference.Daemon ref, ImageOptions options, Map<String, String> env,
                                    Duration stall) throws ImageException {
        EngineSocket socket = EngineSocket.locate(ref.engine(), env, ref.text());
        UnixSocketHttp http = new UnixSocketHttp(socket.path(), stall, HttpClients.system().userAgent());
        UnixSocketHttp.Response r;
        try {
            r = http.get("/images/" + encode(ref.image()) + "/get");
        } catch (IOException e) {
            throw new ImageException(ref.text(), connectProblem(socket, e), e);
        }
        Path spool = null;
        try (InputStream body = r.body()) {
            if (r.status() != 200) {
                throw new ImageException(ref.text(), refusal(socket, r.status(), body));
            }
            spool = Files.createTempFile("plimsoll-" + socket.engine() + "-save-", ".tar");
            spool.toFile().deleteOnExit(); // should this process die before the source is closed
            copyAtMost(body, spool, options.limits().maxExpandedBytes(), ref.text(), socket);
            return DockerArchiveSource.open(new Spooled(TarArchiveFiles.index(spool, options.limits().maxEntries()),
                    spool, ref.text()), ref.text(), Optional.empty(), options);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(spool);
            if (e instanceof ImageException ie) {
                throw ie;
            }
            throw new ImageException(ref.text(), "reading the image " + socket.engine() + " saved failed ("
                    + e.getMessage() + ")", e);
        }
    }

    private static void copyAtMost(InputStream body, Path spool, long max, String subject, EngineSocket socket)
            throws IOException {
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(spool)) {
            for (int n; (n = body.read(buf)) > 0; ) {
                total += n;
                if (total > max) {
                    throw new ImageException(subject, "the image " + socket.engine() + " saved is over "
                            + Bytes.human(max) + ", the limit of what an image may expand to (raise --max-expanded-size)");
                }
                try {
                    out.write(buf, 0, n);
                } catch (IOException e) {
                    throw new ImageException(subject, "writing the saved image to " + spool + " failed ("
                            + e.getMessage() + "); point TMPDIR (java.io.tmpdir) at a disk with room for it", e);
                }
            }
        }
    }

    /** The engine's own words for a refusal: its API answers errors as {@code {"message": "..."}}. */
    private static String refusal(EngineSocket socket, int status, InputStream body) {
        String message = "";
        try {
            byte[] bytes = body.readNBytes(64 << 10);
            message = MAPPER.readTree(bytes).path("message").asText("");
            if (message.isEmpty()) {
                message = new String(bytes, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException | RuntimeException ignored) {
            // not every proxy in front of an engine answers with its JSON error body
        }
        message = message.length() > 300 ? message.substring(0, 300) + "…" : message;
        String what = status == 404 ? "no such image in " + socket.engine() : socket.engine() + " refused to save "
                + "the image (HTTP " + status + ")";
        return what + (message.isEmpty() ? "" : ": " + message);
    }

    private static String connectProblem(EngineSocket socket, IOException e) {
        String why = String.valueOf(e.getMessage());
        if (e instanceof SocketException && why.contains("Permission denied")) {
            return socket.engine() + ": permission denied on " + socket.path() + " (add your user to the "
                    + socket.engine() + " group, or run as a user who may use the engine)";
        }
        if (e instanceof SocketException && (why.contains("Connection refused") || why.contains("No such file"))) {
            return socket.engine() + ": nothing listens on " + socket.path() + "; is "
                    + (socket.engine().equals("podman") ? "podman's API service" : "Docker") + " running?";
        }
        return socket.engine() + ": talking to " + socket.path() + " failed (" + why + ")";
    }

    /** The name as a request path segment: names keep their '/', ':' and '@', anything else is percent-encoded. */
    static String encode(String name) {
        StringBuilder b = new StringBuilder();
        for (byte c : name.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~/:@".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the JVM's exit hook tries again
        }
    }

    /** The spooled archive's files; closing them deletes the spool file. */
    private static final class Spooled implements ArchiveFiles {
        private final TarArchiveFiles tar;
        private final Path spool;
        private final String name;

        Spooled(TarArchiveFiles tar, Path spool, String name) {
            this.tar = tar;
            this.spool = spool;
            this.name = name;
        }

        @Override
        public OptionalLong size(String path) {
            return tar.size(path);
        }

        @Override
        public InputStream open(String path) throws IOException {
            return tar.open(path);
        }

        /** Messages name the file inside and the image as the user wrote it, not the temporary file. */
        @Override
        public String describe(String path) {
            return name + ":" + path;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() throws IOException {
            tar.close();
            Files.deleteIfExists(spool);
        }
    }
}
