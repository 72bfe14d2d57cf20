package io.plimsoll.image.source;

import io.plimsoll.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The files of an OCI image layout directory; paths never leave the directory. */
final class DirectoryArchiveFiles implements ArchiveFiles {

    private final Path dir;

    DirectoryArchiveFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    private Path resolve(String path) throws ImageException {
        Path p = dir.resolve(path).normalize();
        if (!p.startsWith(dir)) {
            throw new ImageException(describe(path), "path leaves the image directory");
        }
        return p;
    }

    @Override
    public OptionalLong size(String path) {
        try {
            Path p = resolve(path);
            return Files.isRegularFile(p) ? OptionalLong.of(Files.size(p)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public InputStream open(String path) throws IOException {
        Path p = resolve(path);
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p)) {
            throw new ImageException(describe(path), "missing from the image layout");
        }
        return Files.newInputStream(p);
    }

    @Override
    public String describe(String path) {
        return dir.resolve(path).toString();
    }

    @Override
    public String name() {
        return dir.toString();
    }

    @Override
    public void close() {
    }
}
