package io.plimsoll.server.e2e;

import io.plimsoll.server.testing.BlobServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.model.Digest;
import io.plimsoll.server.http.Exchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** Images, feeds and waiting for the cross-module tests, which run the production wiring end to end. */
final class E2eFixtures {

    static final String OS_RELEASE = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
            + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n";
    /** The installed version of libssl3 (source package openssl) in {@link #debianLayer}. */
    static final String OPENSSL_INSTALLED = "3.0.11-1~deb12u1";

    private E2eFixtures() {
    }

    static String dpkg(String name, String version, String source) {
        return "Package: " + name + "\nStatus: install ok installed\nVersion: " + version
                + "\nArchitecture: amd64\nSource: " + source + "\n\n";
    }

    /** A gzip layer of Debian 12 with libssl3 (source openssl) and bash installed; served by {@code blobs}. */
    static Digest debianLayer(BlobServer blobs) {
        return blobs.put(Compressor.GZIP.apply(TestLayer.create()
                .file("etc/os-release", OS_RELEASE)
                .file("var/lib/dpkg/status", dpkg("libssl3", OPENSSL_INSTALLED, "openssl")
                        + dpkg("bash", "5.2.15-2+b2", "bash"))
                .tar()));
    }

    static Digest manifestDigest(String name) {
        return Digest.sha256Of(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Clair's manifest request body. */
    static ObjectNode manifest(Digest hash, BlobServer blobs, Digest... layers) {
        ObjectNode m = Exchange.JSON.createObjectNode();
        m.put("hash", hash.toString());
        ArrayNode list = m.putArray("layers");
        for (Digest l : layers) {
            list.addObject().put("hash", l.toString()).put("uri", blobs.url(l)).putObject("headers");
        }
        return m;
    }

    /** One Debian tracker CVE: source package, CVE id, bookworm fixed version. */
    record TrackerCve(String source, String cve, String fixed) {
    }

    /**
     * Writes {@code DIR/debian/tracker/data/json} in the shape the Debian security tracker publishes (source package
     * → CVE → releases), every CVE resolved in bookworm (debian:12) at its fixed version.
     */
    static void debianFeed(Path from, TrackerCve... cves) throws IOException {
        ObjectNode root = Exchange.JSON.createObjectNode();
        for (TrackerCve c : cves) {
            ObjectNode pkg = root.has(c.source()) ? (ObjectNode) root.get(c.source()) : root.putObject(c.source());
            ObjectNode cve = pkg.putObject(c.cve());
            cve.put("description", "a flaw in " + c.source());
            cve.put("scope", "remote");
            ObjectNode bookworm = cve.putObject("releases").putObject("bookworm");
            bookworm.put("status", "resolved");
            bookworm.putObject("repositories").put("bookworm", c.fixed());
            bookworm.put("fixed_version", c.fixed());
            bookworm.put("urgency", "high");
        }
        Path file = from.resolve("debian/tracker/data/json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, root.toString());
    }

    static JsonNode json(String body) {
        try {
            return Exchange.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Waits for background work (the notifier's loops) to reach a state. */
    static void await(String what, BooleanSupplier done) throws InterruptedException {
        io.plimsoll.image.testing.Await.until(what, done);
    }
}
