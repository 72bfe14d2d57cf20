package io.plimsoll.catalog;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Paths the user asked not to look at ({@code --skip-dirs}, {@code --skip-files}, as Trivy users write them): no
 * cataloger and no content scanner receives a file below a skipped directory or matching a skipped file glob. Globs
 * are {@code java.nio} globs against the absolute path; a relative one ({@code usr/lib/ruby}, {@code **}{@code /test})
 * is taken from the root, as Trivy does. A directory glob matches the directory and everything below it.
 *
 * <p>It is only asked about files that a cataloger already wants, so its cost (one match per ancestor directory)
 * is paid on few paths.
 */
public final class SkippedPaths implements Predicate<String> {

    public static final SkippedPaths NONE = new SkippedPaths(List.of(), List.of());

    private final List<PathMatcher> dirs;
    private final List<PathMatcher> files;

    private SkippedPaths(List<PathMatcher> dirs, List<PathMatcher> files) {
        this.dirs = List.copyOf(dirs);
        this.files = List.copyOf(files);
    }

    /** Throws {@link IllegalArgumentException} naming the glob when one is malformed. */
    public static SkippedPaths of(List<String> dirGlobs, List<String> fileGlobs) {
        return new SkippedPaths(matchers(dirGlobs, "--skip-dirs"), matchers(fileGlobs, "--skip-files"));
    }

    public boolean isEmpty() {
        return dirs.isEmpty() && files.isEmpty();
    }

    /** True when {@code path} (absolute, {@code /} separated) is skipped. */
    @Override
    public boolean test(String path) {
        if (isEmpty()) {
            return false;
        }
        Path p = Path.of(path);
        for (PathMatcher m : files) {
            if (m.matches(p)) {
                return true;
            }
        }
        for (Path dir = p.getParent(); dir != null; dir = dir.getParent()) {
            for (PathMatcher m : dirs) {
                if (m.matches(dir)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<PathMatcher> matchers(List<String> globs, String option) {
        List<PathMatcher> out = new ArrayList<>();
        for (String raw : globs) {
            for (String g : raw.split(",")) {
                String glob = g.strip();
                if (glob.isEmpty()) {
                    continue;
                }
                while (glob.length() > 1 && glob.endsWith("/")) {
                    glob = glob.substring(0, glob.length() - 1);
                }
                if (glob.startsWith("./")) {
                    glob = glob.substring(1);
                }
                if (!glob.startsWith("/")) {
                    glob = "/" + glob;
                }
                try {
                    out.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(option + " '" + g.strip() + "': not a valid glob ("
                            + e.getMessage().lines().findFirst().orElse("") + ")");
                }
            }
        }
        return out;
    }
}
