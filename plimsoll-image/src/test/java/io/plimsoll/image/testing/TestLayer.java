package io.plimsoll.image.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds a layer tar in memory: files, directories, links, devices, whiteouts, in the order given. */
public final class TestLayer {

    /** How long names and big numbers are written: PAX extended headers, or GNU's ././@LongLink. */
    public enum Format { PAX, GNU }

    private interface Item {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    /** A fixed time, so the same layer built twice has the same digest. */
    private static final java.util.Date MTIME = new java.util.Date(1_700_000_000_000L);

    private final List<Item> items = new ArrayList<>();
    private Format format = Format.PAX;
    private String prefix = "";

    public static TestLayer create() {
        return new TestLayer();
    }

    public TestLayer format(Format f) {
        this.format = f;
        return this;
    }

    /** Writes names as {@code ./etc/…} (what docker does) instead of {@code etc/…}. */
    public TestLayer dotSlashNames() {
        this.prefix = "./";
        return this;
    }

    public TestLayer dir(String path) {
        return dir(path, 0755);
    }

    public TestLayer dir(String path, int mode) {
        items.add(tar -> {
            TarArchiveEntry e = new TarArchiveEntry(prefix + path + (path.endsWith("/") ? "" : "/"));
            e.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~07777 | mode);
            e.setModTime(MTIME);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        });
        return this;
    }

    public TestLayer file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public TestLayer file(String path, byte[] content, int mode) {
        return file(path, content, mode, 0, 0);
    }

    public TestLayer file(String path, byte[] content, int mode, long uid, long gid) {
        items.add(tar -> {
            TarArchiveEntry e = new TarArchiveEntry(prefix + path);
            e.setMode(0100000 | mode);
            e.setSize(content.length);
            e.setUserId(uid);
            e.setGroupId(gid);
            e.setModTime(MTIME);
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        });
        return this;
    }

    public TestLayer symlink(String path, String target) {
        items.add(tar -> {
            TarArchiveEntry e = new TarArchiveEntry(prefix + path, TarConstants.LF_SYMLINK);
            e.setLinkName(target);
            e.setMode(0120777);
            e.setModTime(MTIME);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        });
        return this;
    }

    public TestLayer hardlink(String path, String target) {
        items.add(tar -> {
            TarArchiveEntry e = new TarArchiveEntry(prefix + path, TarConstants.LF_LINK);
            e.setLinkName(prefix + target);
            e.setMode(0100644);
            e.setModTime(MTIME);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        });
        return this;
    }

    public TestLayer charDevice(String path, int major, int minor) {
        items.add(tar -> {
            TarArchiveEntry e = new TarArchiveEntry(prefix + path, TarConstants.LF_CHR);
            e.setDevMajor(major);
            e.setDevMinor(minor);
            e.setMode(0020666);
            e.setModTime(MTIME);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        });
        return this;
    }

    public TestLayer fifo(String path) {
        items.add(tar -> {
            TarArchiveEntry e = new TarArchiveEntry(prefix + path, TarConstants.LF_FIFO);
            e.setMode(0010644);
            e.setModTime(MTIME);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        });
        return this;
    }

    /** Deletes {@code path} from the layers below ({@code DIR/.wh.NAME}). */
    public TestLayer whiteout(String path) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash + 1);
        return file(dir + ".wh." + path.substring(slash + 1), new byte[0], 0);
    }

    /** Hides what the layers below have under {@code dir} ({@code DIR/.wh..wh..opq}). */
    public TestLayer opaque(String dir) {
        return file(dir + "/.wh..wh..opq", new byte[0], 0);
    }

    /** Adds an entry exactly as given, for malformed-input tests (absolute paths, "..", odd types). */
    public TestLayer raw(TarArchiveEntry entry, byte[] content) {
        items.add(tar -> {
            tar.putArchiveEntry(entry);
            if (content.length > 0) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
        });
        return this;
    }

    /** A layer holding a copy of a directory tree (a fixture laid out as an image's root). */
    public static TestLayer fromDirectory(java.nio.file.Path root) {
        TestLayer layer = create();
        try (var paths = java.nio.file.Files.walk(root)) {
            for (java.nio.file.Path p : paths.sorted().toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.isEmpty()) {
                    continue;
                }
                if (java.nio.file.Files.isSymbolicLink(p)) {
                    layer.symlink(rel, java.nio.file.Files.readSymbolicLink(p).toString());
                } else if (java.nio.file.Files.isDirectory(p)) {
                    layer.dir(rel);
                } else {
                    layer.file(rel, java.nio.file.Files.readAllBytes(p), 0644);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return layer;
    }

    /** The uncompressed tar. */
    public byte[] tar() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name())) {
            if (format == Format.PAX) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                tar.setAddPaxHeadersForNonAsciiNames(true);
            } else {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
            }
            for (Item item : items) {
                item.write(tar);
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
