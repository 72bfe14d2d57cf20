package io.plimsoll.image.walk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a later stage (a cataloger, a secret scanner) wants from the walk: it names the files, the walker
 * streams each layer once and hands over their bytes. Consumers never open layers themselves.
 *
 * <p>Layers may be read in parallel, so {@link #accept} can be called from several threads at once.
 */
public interface FileInterest {

    /** Whether the regular file at this absolute path is wanted. Called for every file: keep it cheap. */
    boolean wants(String path);

    /**
     * Whether this file is wanted, with what the archive says about it (mode, size): a cataloger of executables
     * looks at the mode, not the name. Defaults to {@link #wants(String)}.
     */
    default boolean wants(io.plimsoll.image.layer.LayerEntry entry) {
        return wants(entry.path());
    }

    /** Files bigger than this are not handed over (a cataloger has no use for a 2 GB "package.json"). */
    default long maxFileSize() {
        return 64L << 20;
    }

    /**
     * Receives one version of a wanted file. Every layer's version arrives (a file rewritten by three layers
     * arrives three times); the squashed tree says which one survives.
     */
    void accept(LayerFile file, InputStream content) throws IOException;

    /**
     * A path test from globs as {@code java.nio} writes them ({@code /etc/os-release}, {@code **}{@code /*.jar},
     * {@code /var/lib/dpkg/status.d/*}); globs are matched against the absolute path.
     */
    static Predicate<String> globs(String... globs) {
        List<PathMatcher> matchers = java.util.Arrays.stream(globs)
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        return path -> {
            Path p = Path.of(path);
            for (PathMatcher m : matchers) {
                if (m.matches(p)) {
                    return true;
                }
            }
            return false;
        };
    }
}
