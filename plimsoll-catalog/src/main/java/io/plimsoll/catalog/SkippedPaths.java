package io.plimsoll.catalog;

import java.nio.file.Path;
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
 * is paid on few paths. The globs match through {@link PathGlobs}, as the policy's allow-paths do.
 */
public final class SkippedPaths implements Predicate<String> {

    public static final SkippedPaths NONE = new SkippedPaths(PathGlobs.ofCompiled(List.of()),
            PathGlobs.ofCompiled(List.of()), "none");

    private final PathGlobs dirs;
    private final PathGlobs files;
    private final String description;

    private SkippedPaths(PathGlobs dirs, PathGlobs files, String description) {
        this.dirs = dirs;
        this.files = files;
        this.description = description;
    }

    /** Throws {@link IllegalArgumentException} naming the glob when one is malformed. */
    public static SkippedPaths of(List<String> dirGlobs, List<String> fileGlobs) {
        return new SkippedPaths(matchers(dirGlobs, "--skip-dirs"), matchers(fileGlobs, "--skip-files"),
                "dirs " + dirGlobs + ", files " + fileGlobs);
    }

    /** The globs as given, which a cached catalog is keyed by (other globs that skip the same paths only miss it). */
    @Override
    public String toString() {
        return description;
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
        if (files.test(path)) {
            return true;
        }
        if (dirs.isEmpty()) {
            return false;
        }
        for (Path dir = Path.of(path).getParent(); dir != null; dir = dir.getParent()) {
            if (dirs.test(dir.toString())) {
                return true;
            }
        }
        return false;
    }

    private static PathGlobs matchers(List<String> globs, String option) {
        List<PathGlobs.Glob> out = new ArrayList<>();
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
                    out.add(PathGlobs.compile(glob));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(option + " '" + g.strip() + "': not a valid glob ("
                            + e.getMessage().lines().findFirst().orElse("") + ")");
                }
            }
        }
        return PathGlobs.ofCompiled(out);
    }
}
