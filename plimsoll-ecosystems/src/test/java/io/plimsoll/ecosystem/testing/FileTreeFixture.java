package io.plimsoll.ecosystem.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Stands in for the squashed image tree that catalogers get from the walker: absolute image paths answered from
 * a directory laid out like a root filesystem (read in place), or from an in-memory map.
 */
public final class FileTreeFixture {

    private FileTreeFixture() {
    }

    /** The regular file at an absolute image path under {@code root}. */
    public static Function<String, Optional<byte[]>> files(Path root) {
        return path -> {
            Path p = root.resolve(path.substring(1));
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    public static Predicate<String> exists(Path root) {
        return path -> Files.exists(root.resolve(path.substring(1)));
    }

    /** Files from a map of absolute path to UTF-8 text. */
    public static Function<String, Optional<byte[]>> files(Map<String, String> tree) {
        return path -> Optional.ofNullable(tree.get(path)).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    /** A path exists when it is in the map or is a directory above something in it. */
    public static Predicate<String> exists(Map<String, String> tree) {
        return path -> tree.keySet().stream().anyMatch(p -> p.equals(path) || p.startsWith(path + "/"));
    }
}
