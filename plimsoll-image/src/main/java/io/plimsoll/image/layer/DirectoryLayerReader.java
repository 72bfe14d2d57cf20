package io.plimsoll.image.layer;

import io.plimsoll.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a root filesystem directory as if it were one layer. Symlinks are recorded, never followed, and
 * kernel pseudo-filesystems mounted inside it ({@code /proc}, {@code /sys}, …) are listed but not entered:
 * their files are endless or block when read.
 */
public final class DirectoryLayerReader implements LayerReader {

    private static final Set<String> PSEUDO_FILESYSTEMS = Set.of("proc", "sysfs", "devtmpfs", "devpts", "cgroup",
            "cgroup2", "debugfs", "tracefs", "securityfs", "pstore", "bpf", "mqueue", "hugetlbfs", "configfs",
            "fusectl", "binfmt_misc", "autofs", "efivarfs", "selinuxfs", "rpc_pipefs", "nsfs", "fuse.gvfsd-fuse");
    private static final int MAX_WARNINGS = 5;

    private final Path root;

    public DirectoryLayerReader(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public LayerSummary read(LayerEntryVisitor visitor, ExpansionBudget budget) throws ImageException {
        Walk walk = new Walk(visitor, budget);
        try {
            Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE, walk);
        } catch (UncheckedIOException e) {
            throw new ImageException(root.toString(), "cannot read (" + e.getCause().getMessage() + ")", e);
        } catch (ImageException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageException(root.toString(), "cannot read (" + e.getMessage() + ")", e);
        }
        List<String> warnings = new ArrayList<>(walk.warnings);
        if (walk.unreadable > walk.warnings.size()) {
            warnings.add((walk.unreadable - walk.warnings.size()) + " more paths could not be read");
        }
        return new LayerSummary(0, walk.bytes, walk.entries, Compression.NONE, warnings);
    }

    private final class Walk extends SimpleFileVisitor<Path> {
        private final LayerEntryVisitor visitor;
        private final ExpansionBudget budget;
        private final List<String> warnings = new ArrayList<>();
        private long entries;
        private long bytes;
        private long unreadable;
        private Object rootDevice;

        Walk(LayerEntryVisitor visitor, ExpansionBudget budget) {
            this.visitor = visitor;
            this.budget = budget;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            Map<String, Object> unix = unix(dir);
            emit(dir, FileType.DIRECTORY, unix, 0, "");
            if (dir.equals(root)) {
                rootDevice = unix.get("dev");
                return FileVisitResult.CONTINUE;
            }
            if (unix.get("dev") != null && !unix.get("dev").equals(rootDevice) && isPseudo(dir)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Map<String, Object> unix = unix(file);
            int mode = unix.get("mode") instanceof Integer m ? m : 0;
            if (attrs.isSymbolicLink()) {
                emit(file, FileType.SYMLINK, unix, 0, Files.readSymbolicLink(file).toString());
            } else if (attrs.isRegularFile()) {
                bytes += attrs.size();
                emit(file, FileType.REGULAR, unix, attrs.size(), "");
            } else {
                emit(file, switch (mode & 0170000) {
                    case 0020000 -> FileType.CHAR_DEVICE;
                    case 0060000 -> FileType.BLOCK_DEVICE;
                    case 0010000 -> FileType.FIFO;
                    default -> FileType.SOCKET;
                }, unix, 0, "");
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (file.equals(root)) {
                throw new UncheckedIOException(e);
            }
            warn(file, e);
            return FileVisitResult.CONTINUE;
        }

        private void emit(Path p, FileType type, Map<String, Object> unix, long size, String link) throws IOException {
            String rel = root.relativize(p).toString().replace('\\', '/');
            String path = rel.isEmpty() ? "/" : "/" + rel;
            budget.chargeEntry(root.toString(), path.length() + link.length());
            entries++;
            int mode = unix.get("mode") instanceof Integer m ? m & 07777 : 0;
            long uid = unix.get("uid") instanceof Integer u ? u : 0;
            long gid = unix.get("gid") instanceof Integer g ? g : 0;
            long mtime = unix.get("lastModifiedTime") instanceof java.nio.file.attribute.FileTime t ? t.toMillis() / 1000 : 0;
            LayerEntry entry = new LayerEntry(path, type, mode, uid, gid, size, link, mtime, false);
            if (type != FileType.REGULAR) {
                visitor.visit(entry, InputStream.nullInputStream());
                return;
            }
            try (LazyFileInputStream content = new LazyFileInputStream(p)) {
                visitor.visit(entry, content);
            } catch (AccessDeniedException e) {
                warn(p, e);
            }
        }

        private Map<String, Object> unix(Path p) {
            try {
                return Files.readAttributes(p, "unix:mode,uid,gid,dev,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | UnsupportedOperationException e) {
                return Map.of();
            }
        }

        private boolean isPseudo(Path dir) {
            try {
                return PSEUDO_FILESYSTEMS.contains(Files.getFileStore(dir).type());
            } catch (IOException e) {
                return true;
            }
        }

        private void warn(Path p, IOException e) {
            unreadable++;
            if (warnings.size() < MAX_WARNINGS) {
                String why = e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
                warnings.add("cannot read " + p + " (" + why + ")");
            }
        }
    }

    /** Opens the file only if a consumer reads it, so walking never opens files nobody asked for. */
    private static final class LazyFileInputStream extends InputStream {
        private final Path path;
        private InputStream in;

        LazyFileInputStream(Path path) {
            this.path = path;
        }

        private InputStream in() throws IOException {
            if (in == null) {
                in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in().read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            return in().skip(n);
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
