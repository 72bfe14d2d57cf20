package io.plimsoll.bench;

import io.plimsoll.image.layer.Bytes;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Packs issue 19's real benchmark image from folders on disk (made by {@code src/main/scripts/real-image.sh}), the
 * way an image builder does: each layer one tar of a folder's tree (sorted, with modes, owners, symlinks and hard
 * links as they are on disk, times to the second), gzip-compressed as one member at gzip's default level. Writes two
 * OCI layouts: {@code OUT/image} (layer 1 the root filesystem, layer 2 the jars under {@code /opt/app/lib}, layer 3 a node app
 * under {@code /srv/web}) and {@code OUT/image2}, the same first two layers (the same blobs, hard-linked) under another
 * node app in {@code /srv/api}: a new image over a known base.
 */
public final class RealImage {

    /** The root filesystem's kernel-made folders are empty in an image, as docker leaves them. */
    private static final List<String> EMPTY_IN_IMAGE = List.of("dev", "proc", "sys", "run", "tmp");

    public static void main(String[] args) throws Exception {
        Path out = null;
        Path rootfs = null;
        Path jars = null;
        Path node = null;
        Path otherNode = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--rootfs" -> rootfs = Path.of(args[++i]);
                case "--jars" -> jars = Path.of(args[++i]);
                case "--node" -> node = Path.of(args[++i]);
                case "--other-node" -> otherNode = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (out == null || rootfs == null || jars == null || node == null || otherNode == null) {
            throw new IllegalArgumentException("usage: RealImage --out DIR --rootfs DIR --jars DIR --node DIR "
                    + "--other-node DIR");
        }
        Path image = out.resolve("image");
        Path image2 = out.resolve("image2");
        for (Path layout : List.of(image, image2)) {
            if (Files.exists(layout)) {
                LayerWalkBench.deleteTree(layout);
            }
            Files.createDirectories(layout.resolve("blobs/sha256"));
        }
        long t0 = System.nanoTime();
        PackedLayer base = pack(image, rootfs, "", EMPTY_IN_IMAGE);
        PackedLayer app = pack(image, jars, "opt/app/lib", List.of());
        PackedLayer web = pack(image, node, "srv/web", List.of());
        PackedLayer api = pack(image2, otherNode, "srv/api", List.of());
        for (PackedLayer shared : List.of(base, app)) {
            Files.createLink(image2.resolve("blobs/sha256/" + shared.digest().hex()), shared.blob());
        }
        writeLayout(image, List.of(base, app, web));
        writeLayout(image2, List.of(base, app, api));
        System.out.printf(Locale.ROOT, "packed in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        for (PackedLayer l : List.of(base, app, web, api)) {
            System.out.printf(Locale.ROOT, "%-45s %,7d files  %9s tar  %9s gzip  %s%n", l.source(), l.files(),
                    Bytes.human(l.expanded()), Bytes.human(Files.size(l.blob())), l.digest());
        }
        System.out.println("images: oci:" + image + " and oci:" + image2);
    }

    record PackedLayer(Path source, Path blob, Digest digest, Digest diffId, long expanded, int files) {
    }

    /** Tars {@code dir}'s tree under {@code prefix} (its parent folders included) into a gzip blob of the layout. */
    static PackedLayer pack(Path layout, Path dir, String prefix, List<String> emptied) throws IOException {
        try (GzipLayerWriter layer = new GzipLayerWriter(layout, "partial")) {
            TarArchiveOutputStream tar = layer.tar();
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            TreeTar written = new TreeTar(tar, emptied);
            String parents = "";
            for (String part : prefix.isEmpty() ? new String[0] : prefix.split("/")) {
                parents += part + "/";
                written.folder(parents, wholeSeconds(Files.getLastModifiedTime(dir)));
            }
            written.children(dir, parents);
            GzipLayerWriter.Written w = layer.finish();
            return new PackedLayer(dir, w.blob(), w.digest(), w.diffId(), w.expanded(), written.files);
        }
    }

    /**
     * Docker's layer tars keep times to the second (moby's archive truncates them): a finer time would cost every
     * entry a PAX header that real layers do not have.
     */
    private static FileTime wholeSeconds(FileTime t) {
        return FileTime.from(t.to(java.util.concurrent.TimeUnit.SECONDS), java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * One folder tree written as tar entries in name order; a file linked twice is written once, then as a link.
     * Folders named in {@code emptied} (full entry names) are written without their contents.
     */
    private static final class TreeTar {
        private final TarArchiveOutputStream tar;
        private final List<String> emptied;
        private final Map<Object, String> linked = new HashMap<>();
        private final byte[] buffer = new byte[1 << 16];
        int files;

        TreeTar(TarArchiveOutputStream tar, List<String> emptied) {
            this.tar = tar;
            this.emptied = emptied;
        }

        void folder(String name, FileTime modified) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setMode(040755);
            e.setModTime(modified);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        }

        void children(Path dir, String prefix) throws IOException {
            List<Path> children;
            try (Stream<Path> list = Files.list(dir)) {
                children = list.sorted().toList();
            }
            for (Path child : children) {
                entry(child, prefix + child.getFileName());
            }
        }

        private void entry(Path path, String name) throws IOException {
            Map<String, Object> unix = Files.readAttributes(path, "unix:mode,uid,gid,nlink,lastModifiedTime,size,"
                    + "fileKey,isDirectory,isRegularFile,isSymbolicLink", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) unix.get("mode");
            TarArchiveEntry e;
            if ((Boolean) unix.get("isDirectory")) {
                e = new TarArchiveEntry(name + "/");
            } else if ((Boolean) unix.get("isSymbolicLink")) {
                e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                e.setLinkName(Files.readSymbolicLink(path).toString());
            } else if ((Boolean) unix.get("isRegularFile")) {
                String first = (Integer) unix.get("nlink") > 1 ? linked.putIfAbsent(unix.get("fileKey"), name) : null;
                if (first != null) {
                    e = new TarArchiveEntry(name, TarConstants.LF_LINK);
                    e.setLinkName(first);
                } else {
                    e = new TarArchiveEntry(name);
                    e.setSize((Long) unix.get("size"));
                }
            } else {
                return; // device nodes and fifos: an image's /dev is the runtime's
            }
            e.setMode(mode & 07777 | (e.isDirectory() ? 040000 : e.isSymbolicLink() ? 0120000 : 0100000));
            e.setUserId((Integer) unix.get("uid"));
            e.setGroupId((Integer) unix.get("gid"));
            e.setModTime(wholeSeconds((FileTime) unix.get("lastModifiedTime")));
            tar.putArchiveEntry(e);
            if (e.isFile() && e.getSize() > 0) {
                try (InputStream in = Files.newInputStream(path)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        tar.write(buffer, 0, n);
                    }
                }
            }
            tar.closeArchiveEntry();
            files++;
            if (e.isDirectory() && !emptied.contains(name)) {
                children(path, name + "/");
            }
        }
    }

    private static void writeLayout(Path layout, List<PackedLayer> layers) throws IOException {
        List<String> descriptors = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (PackedLayer l : layers) {
            descriptors.add("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + l.digest()
                    + "\",\"size\":" + Files.size(l.blob()) + "}");
            diffIds.add("\"" + l.diffId() + "\"");
        }
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/local/sbin:"
                + "/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + String.join(",", diffIds) + "]}}";
        Digest configDigest = LayerWalkBench.writeBlob(layout, config);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":"
                + "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length() + "},\"layers\":[" + String.join(",", descriptors) + "]}";
        Digest manifestDigest = LayerWalkBench.writeBlob(layout, manifest);
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                + manifest.length() + "}]}");
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }
}
