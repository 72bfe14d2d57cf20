package io.plimsoll.image.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** An OCI image layout holding one or more images, single-platform or behind (nested) image indexes. */
public final class TestOciLayout {

    private final Map<String, byte[]> blobs = new LinkedHashMap<>();
    private final ArrayNode manifests = TestImage.JSON.createArrayNode();

    public static TestOciLayout create() {
        return new TestOciLayout();
    }

    /** Adds an image manifest to index.json, named {@code refName} (null for none). */
    public TestOciLayout image(TestImage image, String refName) {
        ObjectNode d = manifestDescriptor(image, true);
        if (refName != null) {
            d.putObject("annotations").put("org.opencontainers.image.ref.name", refName);
        }
        manifests.add(d);
        return this;
    }

    /** Adds a multi-platform image: an image index blob referenced from index.json. */
    public TestOciLayout index(String refName, TestImage... images) {
        ObjectNode index = TestImage.JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode ms = index.putArray("manifests");
        for (TestImage image : images) {
            ms.add(manifestDescriptor(image, true));
        }
        // BuildKit adds an attestation manifest for unknown/unknown; it must be ignored
        ObjectNode att = ms.addObject();
        byte[] fake = "{}".getBytes(StandardCharsets.UTF_8);
        Digest fd = Digest.sha256Of(fake);
        blobs.put(fd.hex(), fake);
        att.put("mediaType", "application/vnd.oci.image.manifest.v1+json").put("digest", fd.toString()).put("size", fake.length);
        att.putObject("platform").put("os", "unknown").put("architecture", "unknown");
        att.putObject("annotations").put("vnd.docker.reference.type", "attestation-manifest");
        byte[] bytes = TestImage.bytes(index);
        Digest digest = Digest.sha256Of(bytes);
        blobs.put(digest.hex(), bytes);
        ObjectNode d = TestImage.descriptor("application/vnd.oci.image.index.v1+json", digest, bytes.length);
        if (refName != null) {
            d.putObject("annotations").put("org.opencontainers.image.ref.name", refName);
        }
        manifests.add(d);
        return this;
    }

    private ObjectNode manifestDescriptor(TestImage image, boolean withPlatform) {
        TestImage.Manifest m = image.manifest();
        m.blobs().forEach((d, b) -> blobs.put(d.hex(), b));
        ObjectNode d = TestImage.descriptor("application/vnd.oci.image.manifest.v1+json", m.digest(), m.size());
        if (withPlatform) {
            ObjectNode p = d.putObject("platform");
            p.put("architecture", image.platform().architecture()).put("os", image.platform().os());
            if (!image.platform().variant().isEmpty()) {
                p.put("variant", image.platform().variant());
            }
        }
        return d;
    }

    private Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        ObjectNode index = TestImage.JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.set("manifests", manifests);
        files.put("index.json", TestImage.bytes(index));
        blobs.forEach((hex, b) -> files.put("blobs/sha256/" + hex, b));
        return files;
    }

    public Path writeDirectory(Path dir) {
        try {
            for (Map.Entry<String, byte[]> f : files().entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public Path writeTar(Path tar) {
        TestImage.writeTar(tar, files());
        return tar;
    }
}
