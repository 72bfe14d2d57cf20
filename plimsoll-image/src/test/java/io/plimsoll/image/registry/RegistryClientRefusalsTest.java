package io.plimsoll.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.plimsoll.image.ImageException;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the registry client refuses before or while it reads a blob. A blob is read no further than the size its
 * manifest declares: a hostile registry streaming a layer without end was read for as long as it sent (4 GiB in
 * 12 s for a layer declared as 1 KiB), since the digest fails only at the end.
 */
class RegistryClientRefusalsTest {

    private static final int SENT = 64 << 20;
    private static final Digest LAYER = Digest.sha256Of(new byte[] {42});

    @TempDir
    Path tmp;
    private HttpServer registry;
    private final AtomicLong sent = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // 64 MiB of zeros (more than the sockets buffer), chunked (no length to refuse up front) or with its Content-Length
        registry.createContext("/v2/", x -> {
            boolean chunked = x.getRequestURI().getPath().startsWith("/v2/chunked/");
            x.sendResponseHeaders(200, chunked ? 0 : SENT);
            try (OutputStream out = x.getResponseBody()) {
                byte[] zeros = new byte[64 << 10];
                for (int n = 0; n < SENT; n += zeros.length) {
                    out.write(zeros);
                    sent.addAndGet(zeros.length);
                }
            } catch (IOException e) {
                // the client hung up: what this test wants
            }
        });
        registry.start();
    }

    @AfterEach
    void stop() {
        registry.stop(0);
    }

    private RegistryClient client() throws Exception {
        return new RegistryClient(RegistrySettings.defaults(DockerConfig.load(tmp.resolve("none.json"))));
    }

    private RegistryReference ref(String repository) throws ImageException {
        return RegistryReference.parse("127.0.0.1:" + registry.getAddress().getPort() + "/" + repository + ":1");
    }

    @Test
    void aBlobStreamedPastItsDeclaredSizeIsCutOffThere() throws Exception {
        try (InputStream in = client().blob(ref("chunked/app"), LAYER, 1024)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessageContaining("sent more of the blob than the 1024 bytes its manifest declares");
        }
        assertThat(sent.get()).as("the registry was not read to its end").isLessThan(SENT);
    }

    @Test
    void aBlobLongerThanDeclaredByItsContentLengthIsRefusedBeforeItIsRead() throws Exception {
        assertThatThrownBy(() -> client().blob(ref("sized/app"), LAYER, 1024)).isInstanceOf(ImageException.class)
                .hasMessageContaining("is " + SENT + " bytes, more than the 1024 its manifest declares");
    }

    @Test
    void aRegistryHostTheHttpClientCannotNameIsAClearErrorNotACrash() throws Exception {
        // 127.1 is 127.0.0.1 to inet_aton, but java.net.URI reads no host in it (it was a NullPointerException)
        assertThatThrownBy(() -> client().blob(RegistryReference.parse("127.1:5000/app:1"), LAYER, 1024))
                .isInstanceOf(ImageException.class).hasMessageContaining("'127.1:5000' is not a host name or address");
        assertThat(sent.get()).isZero();
    }

    @Test
    void aBlobOfUnknownSizeIsReadAsItComes() throws Exception {
        try (InputStream in = client().blob(ref("chunked/app"), LAYER, -1)) {
            assertThat(in.readAllBytes()).hasSize(SENT);
        }
    }
}
