package io.plimsoll.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The image the class-data archive's training run reads ({@link CdsTraining}): an OCI layout whose first layer (gzip)
 * holds the training root filesystem, a jar with its Maven metadata and an ELF executable (this JVM's own launcher),
 * and whose second (plain tar) deletes a file and adds one. A cold scan of an image loads what a scan of a root
 * filesystem never does (the layout and manifest readers, tar, gzip, the digest check, the jar and ELF readers, the
 * layer cache), and a second scan the kept catalog's path; without them in the archive each start loads ~300 classes
 * from the jar and spins the method handles they link. Written by the training run itself, so nothing binary is kept
 * in the repository.
 */
final class CdsTrainingImage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private final Path layout;
    private final List<ObjectNode> layers = new ArrayList<>();
    private final List<String> diffIds = new ArrayList<>();

    private CdsTrainingImage(Path layout) {
        this.layout = layout;
    }

    /** Writes the image as an OCI layout at {@code layout} (a new folder) from the files under {@code rootfs}. */
    static void write(Path rootfs, Path layout) throws IOException {
        CdsTrainingImage image = new CdsTrainingImage(layout);
        Files.createDirectories(layout.resolve("blobs/sha256"));
        image.layer(true, tar -> {
            try (Stream<Path> files = Files.walk(rootfs)) {
                for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                    String name = rootfs.relativize(p).toString().replace('\\', '/');
                    if (!name.isEmpty()) {
                        add(tar, name, Files.isDirectory(p) ? null : Files.readAllBytes(p), 0644);
                    }
                }
            }
            add(tar, "opt/app/lib/training-1.0.jar", jar(), 0644);
            Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
            if (Files.isRegularFile(launcher)) {
                add(tar, "usr/bin/java", Files.readAllBytes(launcher), 0755);
            }
        });
        image.layer(false, tar -> {
            add(tar, "etc/.wh.motd", new byte[0], 0644);
            add(tar, "etc/hostname", "training\n".getBytes(StandardCharsets.UTF_8), 0644);
        });
        image.finish();
    }

    private interface LayerWriter {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private void layer(boolean gzip, LayerWriter contents) throws IOException {
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            contents.write(tar);
        }
        byte[] plain = tarBytes.toByteArray();
        byte[] blob = plain;
        if (gzip) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(zipped)) {
                out.write(plain);
            }
            blob = zipped.toByteArray();
        }
        diffIds.add("sha256:" + sha256(plain));
        layers.add(descriptor(gzip ? "application/vnd.oci.image.layer.v1.tar+gzip"
                : "application/vnd.oci.image.layer.v1.tar", blob));
    }

    private void finish() throws IOException {
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        diffIds.forEach(rootfs.putArray("diff_ids")::add);
        ArrayNode history = config.putArray("history");
        history.addObject().put("created_by", "training root filesystem, a jar, an executable");
        history.addObject().put("created_by", "rm /etc/motd; echo training > /etc/hostname");
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_MANIFEST);
        manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json", JSON.writeValueAsBytes(config)));
        manifest.putArray("layers").addAll(layers);
        ObjectNode manifestDescriptor = descriptor(OCI_MANIFEST, JSON.writeValueAsBytes(manifest));
        manifestDescriptor.putObject("annotations").put("org.opencontainers.image.ref.name", "training");
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").add(manifestDescriptor);
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    /** Stores {@code blob} under its digest and describes it. */
    private ObjectNode descriptor(String mediaType, byte[] blob) throws IOException {
        String hex = sha256(blob);
        Files.write(layout.resolve("blobs/sha256/" + hex), blob);
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", "sha256:" + hex)
                .put("size", blob.length);
    }

    /** A directory when {@code content} is null. */
    private static void add(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(content == null ? name + "/" : name);
        if (content != null) {
            e.setMode(0100000 | mode); // a regular file's type bits with its permissions
            e.setSize(content.length);
        }
        tar.putArchiveEntry(e);
        if (content != null) {
            tar.write(content);
        }
        tar.closeArchiveEntry();
    }

    /** A jar as Maven packs one: a manifest, then its pom.xml and pom.properties under META-INF/maven. */
    private static byte[] jar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, "training");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String meta = "META-INF/maven/io.plimsoll.training/training/";
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry(meta + "pom.xml"));
            jar.write(("<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                    + "<groupId>io.plimsoll.training</groupId><artifactId>training</artifactId><version>1.0</version>"
                    + "<licenses><license><name>Apache-2.0</name></license></licenses></project>")
                    .getBytes(StandardCharsets.UTF_8));
            jar.putNextEntry(new JarEntry(meta + "pom.properties"));
            jar.write("groupId=io.plimsoll.training\nartifactId=training\nversion=1.0\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
