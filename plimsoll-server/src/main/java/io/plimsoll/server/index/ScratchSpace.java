package io.plimsoll.server.index;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where layer blobs wait while they are fetched or uploaded and then walked: a directory under the data
 * directory, not the system's temp, so what a killed process left behind is found again. Each request's
 * directory carries the process id; at start-up the directories of processes that are gone are removed (a
 * replica sharing the data directory keeps its own).
 */
final class ScratchSpace {

    private static final Pattern NAME = Pattern.compile("[a-z]+-(\\d+)-.*");

    private final Path root;

    ScratchSpace(Path root) throws IOException {
        this.root = root;
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root.getParent());
            Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /** A new private directory for one request; the caller deletes it. */
    Path newDirectory(String kind) throws IOException {
        return Files.createTempDirectory(root, kind + "-" + ProcessHandle.current().pid() + "-");
    }

    /** Removes what processes that no longer run left here; answers how many directories went. */
    int removeLeftovers() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive)
                        .orElse(false)) {
                    continue;
                }
                deleteTree(p);
                removed++;
            }
        }
        return removed;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the next start-up tries again
                }
            });
        } catch (IOException ignored) {
            // best effort: the next start-up tries again
        }
    }
}
