package io.plimsoll.vuln.feed;

import io.plimsoll.vuln.FeedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Air-gapped mode: serves a source's files from its folder in {@code --from DIR} (e.g. {@code DIR/osv/Go/all.zip}),
 * laid out as the upstream paths below the source's base URL.
 */
public final class LocalFeedFetcher implements FeedFetcher {

    private final String source;
    private final Path root;

    public LocalFeedFetcher(String source, Path root) {
        this.source = source;
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String baseUrl() {
        return root.toUri().toString();
    }

    @Override
    public Path fetch(String path) throws FeedException {
        return fetchIfPresent(path).orElseThrow(() ->
                new FeedException(source, root.resolve(stripQuery(path)).toString(), "no such file in the local feed folder"));
    }

    @Override
    public Optional<Path> fetchIfPresent(String path) throws FeedException {
        Path file = resolve(stripQuery(path));
        if (Files.isRegularFile(file)) {
            return Optional.of(file);
        }
        // something in the file's place is not an absent file: reading past it would drop the data silently
        // (a directory), or block forever (a FIFO)
        if (Files.exists(file) || Files.isSymbolicLink(file)) {
            throw new FeedException(source, file.toString(), "not a regular file (" + kind(file) + ")");
        }
        return Optional.empty();
    }

    private static String kind(Path file) {
        if (Files.isDirectory(file)) {
            return "a directory";
        }
        if (!Files.exists(file)) {
            return "a symbolic link to nothing";
        }
        return "a FIFO, socket or device";
    }

    @Override
    public Path fetchUncached(String pathAndQuery, Map<String, String> headers) throws FeedException {
        return fetch(pathAndQuery);
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public List<String> list(String dir) throws FeedException {
        Path base = resolve(dir);
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        // feed folders are often assembled from symbolic links to shared copies; a link loop is an error, not a hang
        try (Stream<Path> files = Files.walk(base, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new FeedException(source, base.toString(), "cannot list: " + e.getMessage(), e);
        }
    }

    private Path resolve(String path) throws FeedException {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            throw new FeedException(source, path, "path escapes the feed folder " + root);
        }
        return file;
    }

    private static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
