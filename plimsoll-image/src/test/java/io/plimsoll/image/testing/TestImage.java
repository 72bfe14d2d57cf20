package io.plimsoll.image.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A test image: layers plus the config a builder would write, and writers for the formats Plimsoll reads
 * ({@code docker save} legacy and Docker 25+, OCI layout directory and archive).
 */
public final class TestImage {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A layer with the Dockerfile step that made it. */
    record LayerSpec(byte[] tar, Compressor compressor, String createdBy) {
    }

    private final List<LayerSpec> layers = new ArrayList<>();
    private final List<String[]> emptySteps = new ArrayList<>();
    private Platform platform = Platform.LINUX_AMD64;
    private String user = "";
    private final List<String> env = new ArrayList<>(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    private final List<String> cmd = new ArrayList<>();
    private final List<String> ports = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private boolean history = true;

    public static TestImage create() {
        return new TestImage();
    }

    public TestImage layer(TestLayer layer, Compressor compressor) {
        return layer(layer.tar(), compressor, "/bin/sh -c #(nop) ADD file:" + layers.size() + " in / ");
    }

    public TestImage layer(TestLayer layer, Compressor compressor, String createdBy) {
        return layer(layer.tar(), compressor, createdBy);
    }

    public TestImage layer(byte[] tar, Compressor compressor, String createdBy) {
        layers.add(new LayerSpec(tar, compressor, createdBy));
        return this;
    }

    /** A history step that made no layer (ENV, CMD, …), placed after the layers added so far. */
    public TestImage emptyStep(String createdBy) {
        emptySteps.add(new String[] {String.valueOf(layers.size()), createdBy});
        return this;
    }

    public TestImage platform(Platform p) {
        this.platform = p;
        return this;
    }

    public TestImage user(String u) {
        this.user = u;
        return this;
    }

    public TestImage env(String e) {
        env.add(e);
        return this;
    }

    public TestImage cmd(String... c) {
        cmd.addAll(List.of(c));
        return this;
    }

    public TestImage exposedPort(String p) {
        ports.add(p);
        return this;
    }

    public TestImage label(String k, String v) {
        labels.put(k, v);
        return this;
    }

    /** An annotation on the OCI manifest ({@code org.opencontainers.image.base.name}, …). */
    public TestImage annotation(String k, String v) {
        annotations.put(k, v);
        return this;
    }

    public TestImage withoutHistory() {
        this.history = false;
        return this;
    }

    public List<byte[]> layerTars() {
        return layers.stream().map(LayerSpec::tar).toList();
    }

    public Platform platform() {
        return platform;
    }

    public byte[] configJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("created", "2024-05-01T12:00:00Z");
        root.put("architecture", platform.architecture());
        root.put("os", platform.os());
        if (!platform.variant().isEmpty()) {
            root.put("variant", platform.variant());
        }
        ObjectNode c = root.putObject("config");
        if (!user.isEmpty()) {
            c.put("User", user);
        }
        ArrayNode e = c.putArray("Env");
        env.forEach(e::add);
        if (!cmd.isEmpty()) {
            ArrayNode a = c.putArray("Cmd");
            cmd.forEach(a::add);
        }
        if (!ports.isEmpty()) {
            ObjectNode p = c.putObject("ExposedPorts");
            ports.forEach(x -> p.putObject(x));
        }
        if (!labels.isEmpty()) {
            ObjectNode l = c.putObject("Labels");
            labels.forEach(l::put);
        }
        c.put("WorkingDir", "/");
        ObjectNode healthcheck = c.putObject("Healthcheck");
        healthcheck.putArray("Test").add("CMD-SHELL").add("true");
        healthcheck.put("Interval", 30_000_000_000L);
        healthcheck.put("Retries", 3);
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(l -> diffIds.add(Digest.sha256Of(l.tar).toString()));
        if (history) {
            ArrayNode h = root.putArray("history");
            for (int i = 0; i <= layers.size(); i++) {
                for (String[] s : emptySteps) {
                    if (Integer.parseInt(s[0]) == i) {
                        h.addObject().put("created", "2024-05-01T12:00:00Z").put("created_by", s[1]).put("empty_layer", true);
                    }
                }
                if (i < layers.size()) {
                    h.addObject().put("created", "2024-05-01T12:00:00Z").put("created_by", layers.get(i).createdBy);
                }
            }
        }
        return bytes(root);
    }

    /** The OCI manifest and the blobs it refers to (config and compressed layers), keyed by digest. */
    public Manifest manifest() {
        Map<Digest, byte[]> blobs = new LinkedHashMap<>();
        byte[] config = configJson();
        Digest configDigest = Digest.sha256Of(config);
        blobs.put(configDigest, config);
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        m.set("config", descriptor("application/vnd.oci.image.config.v1+json", configDigest, config.length));
        ArrayNode ls = m.putArray("layers");
        for (LayerSpec l : layers) {
            byte[] blob = l.compressor.apply(l.tar);
            Digest d = Digest.sha256Of(blob);
            blobs.put(d, blob);
            ls.add(descriptor(l.compressor.mediaType(), d, blob.length));
        }
        if (!annotations.isEmpty()) {
            ObjectNode a = m.putObject("annotations");
            annotations.forEach(a::put);
        }
        byte[] manifest = bytes(m);
        Digest md = Digest.sha256Of(manifest);
        blobs.put(md, manifest);
        return new Manifest(md, manifest.length, blobs);
    }

    /** @param blobs every blob the manifest needs, the manifest itself included */
    public record Manifest(Digest digest, long size, Map<Digest, byte[]> blobs) {
    }

    /** Writes this image alone as an OCI layout directory, its index naming it {@code refName}. */
    public Path writeOciLayout(Path dir, String refName) {
        return TestOciLayout.create().image(this, refName).writeDirectory(dir);
    }

    public Path writeOciArchive(Path tar, String refName) {
        return TestOciLayout.create().image(this, refName).writeTar(tar);
    }

    /** Legacy {@code docker save}: ID/layer.tar (uncompressed), HEX.json config, manifest.json, repositories. */
    public Path writeDockerArchive(Path tar, String... repoTags) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] config = configJson();
        String configName = Digest.sha256Of(config).hex() + ".json";
        files.put(configName, config);
        ArrayNode layerPaths = JSON.createArrayNode();
        for (int i = 0; i < layers.size(); i++) {
            String id = Digest.sha256Of(("layer" + i + Digest.sha256Of(layers.get(i).tar)).getBytes(StandardCharsets.UTF_8)).hex();
            files.put(id + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
            files.put(id + "/layer.tar", layers.get(i).tar);
            layerPaths.add(id + "/layer.tar");
        }
        files.put("manifest.json", bytes(dockerManifest(configName, repoTags, layerPaths)));
        writeTar(tar, files);
        return tar;
    }

    /** Docker 25+ {@code docker save}: an OCI layout (uncompressed layer blobs) plus manifest.json. */
    public Path writeDockerArchiveOciStyle(Path tar, String... repoTags) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] config = configJson();
        Digest configDigest = Digest.sha256Of(config);
        files.put("blobs/sha256/" + configDigest.hex(), config);
        ArrayNode layerPaths = JSON.createArrayNode();
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        m.set("config", descriptor("application/vnd.oci.image.config.v1+json", configDigest, config.length));
        ArrayNode ls = m.putArray("layers");
        for (LayerSpec l : layers) {
            Digest d = Digest.sha256Of(l.tar);
            files.put("blobs/sha256/" + d.hex(), l.tar);
            layerPaths.add("blobs/sha256/" + d.hex());
            ls.add(descriptor("application/vnd.oci.image.layer.v1.tar", d, l.tar.length));
        }
        byte[] manifest = bytes(m);
        Digest md = Digest.sha256Of(manifest);
        files.put("blobs/sha256/" + md.hex(), manifest);
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ObjectNode desc = descriptor("application/vnd.oci.image.manifest.v1+json", md, manifest.length);
        if (repoTags.length > 0) {
            desc.putObject("annotations").put("io.containerd.image.name", "docker.io/library/" + repoTags[0])
                    .put("org.opencontainers.image.ref.name", repoTags[0].substring(repoTags[0].indexOf(':') + 1));
        }
        index.putArray("manifests").add(desc);
        files.put("index.json", bytes(index));
        files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        files.put("manifest.json", bytes(dockerManifest("blobs/sha256/" + configDigest.hex(), repoTags, layerPaths)));
        writeTar(tar, files);
        return tar;
    }

    private static ArrayNode dockerManifest(String config, String[] repoTags, ArrayNode layerPaths) {
        ArrayNode manifest = JSON.createArrayNode();
        ObjectNode entry = manifest.addObject();
        entry.put("Config", config);
        ArrayNode tags = entry.putArray("RepoTags");
        for (String t : repoTags) {
            tags.add(t);
        }
        entry.set("Layers", layerPaths);
        return manifest;
    }

    static ObjectNode descriptor(String mediaType, Digest digest, long size) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", mediaType);
        d.put("digest", digest.toString());
        d.put("size", size);
        return d;
    }

    static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes files into a tar in the given order (order matters to some malformed-input tests). */
    public static void writeTar(Path tar, Map<String, byte[]> files) {
        try (OutputStream out = Files.newOutputStream(tar);
             TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                e.setMode(0100644);
                t.putArchiveEntry(e);
                t.write(f.getValue());
                t.closeArchiveEntry();
            }
            t.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
