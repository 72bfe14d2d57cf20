package io.plimsoll.image.cache;

import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A directory of files named by digest ({@code .../ALGORITHM/HEX}) that several processes share, as the registry
 * blob cache and the layer cache are: each file is written to a {@code HEX.*.partial} of its writer's own and
 * renamed into place atomically ({@link #commit}), so a reader sees a whole file or none; recency is the file's
 * modification time ({@link #touch} on every hit), and {@link #prune} drops the least recently used files first.
 * Pruning needs no lock: a reader holds its file open, and on POSIX systems a file deleted meanwhile stays readable
 * to it.
 */
public final class DigestFiles {

    /** A partial file this old belongs to a process that died mid-write; a live writer keeps writing to its own. */
    private static final Duration STALE_PARTIAL = Duration.ofHours(1);
    private static final String PARTIAL = ".partial";
    private static final long PROCESS = ProcessHandle.current().pid();
    private static final AtomicLong PARTIALS = new AtomicLong();
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path dir;
    private final int depth;
    private final Set<String> hexFolders;

    /**
     * @param depth how far below {@code dir} the files are: 2 for {@code ALGORITHM/HEX}, 3 with a folder above
     *              those (the layer cache's analyzer sets)
     */
    public DigestFiles(Path dir, int depth) {
        this(dir, depth, Set.of());
    }

    /**
     * @param hexFolders folders besides an algorithm's whose files are named by a sha256 hex (the layer cache's
     *                   stack entries, keyed by a digest of what they were made for), counted and pruned alike
     */
    public DigestFiles(Path dir, int depth, Set<String> hexFolders) {
        if (depth < 2) {
            throw new IllegalArgumentException("digest files are at least two levels down: " + depth);
        }
        this.dir = dir;
        this.depth = depth;
        this.hexFolders = Set.copyOf(hexFolders);
    }

    /**
     * How many files the directory holds and their total size (partial files not counted).
     *
     * @param inHexFolders how many of the files are in the constructor's {@code hexFolders}
     */
    public record Usage(long bytes, int files, int inHexFolders) {
    }

    public Usage usage() throws IOException {
        return usage(walk().stream().filter(e -> !e.partial()).toList());
    }

    private Usage usage(List<Entry> entries) {
        return new Usage(entries.stream().mapToLong(Entry::size).sum(), entries.size(),
                (int) entries.stream().filter(e -> hexFolders.contains(e.folder())).count());
    }

    /**
     * Drops least recently used files until at most {@code limit} bytes remain (0 empties it), and the partial
     * files of writers that died (all of them when emptying).
     */
    public Usage prune(long limit) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Instant stale = Instant.now().minus(limit == 0 ? Duration.ZERO : STALE_PARTIAL);
        for (Entry e : walk()) {
            if (!e.partial()) {
                entries.add(e);
            } else if (!e.used().toInstant().isAfter(stale)) {
                deleteQuietly(e.path());
            }
        }
        entries.sort(Comparator.comparing(Entry::used));
        long total = entries.stream().mapToLong(Entry::size).sum();
        List<Entry> left = new ArrayList<>();
        for (Entry e : entries) {
            if (total > limit && Files.deleteIfExists(e.path())) {
                total -= e.size();
            } else {
                left.add(e);
            }
        }
        return usage(left);
    }

    /**
     * A new partial file beside {@code target}, the file of {@code digest}, for one writer, readable by its owner only.
     * Named by process, time and a counter rather than by {@code Files.createTempFile}: its random names seed a
     * {@code SecureRandom}, whose SHA-1 class, loaded in the middle of a walk, throws away the compiled SHA-256 of the
     * layers being verified (docs/performance.md, "The partial files' names"). A name taken already (another host's
     * process on a shared cache) is passed over.
     */
    public static Path newPartial(Path target, Digest digest) throws IOException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        for (int attempt = 0; ; attempt++) {
            Path partial = dir.resolve(digest.hex() + "." + PROCESS + "-" + System.nanoTime() + "-"
                    + PARTIALS.incrementAndGet() + PARTIAL);
            try {
                return posix ? Files.createFile(partial, OWNER_ONLY) : Files.createFile(partial);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** Puts a finished partial file in place of {@code target}, atomically where the file system can. */
    public static void commit(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Marks a file as just used. */
    public static void touch(Path f) {
        try {
            Files.setLastModifiedTime(f, FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // recency is a hint for pruning; a read-only cache still serves hits
        }
    }

    public static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // left for prune, which drops stale partial files
        }
    }

    private record Entry(Path path, long size, FileTime used, boolean partial) {
        String folder() {
            return path.getParent().getFileName().toString();
        }
    }

    /** Every digest-named or partial file {@code depth} levels down. */
    private List<Entry> walk() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, depth)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (dir.relativize(p).getNameCount() != depth) {
                    continue;
                }
                String name = p.getFileName().toString();
                boolean partial = name.endsWith(PARTIAL);
                String folder = p.getParent().getFileName().toString();
                if (!partial && !Digest.isValid(folder + ":" + name)
                        && !(hexFolders.contains(folder) && Digest.isValid("sha256:" + name))) {
                    continue;
                }
                try {
                    out.add(new Entry(p, Files.size(p), Files.getLastModifiedTime(p), partial));
                } catch (NoSuchFileException gone) {
                    // pruned, or renamed into place, by another process meanwhile
                }
            }
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e.getCause();
            }
        }
        return out;
    }
}
