package io.plimsoll.image.source;

import io.plimsoll.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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

    /**
     * The size of a file of the layout, never following a link. A symbolic link is listed (with its own size), so
     * that reading it ends in {@link #open}'s refusal rather than a misleading "missing": a layout is data someone
     * handed us, and a link in it ({@code index.json -> /etc/shadow}) would make us read, and maybe quote, a file of
     * this machine.
     */
    @Override
    public OptionalLong size(String path) {
        try {
            BasicFileAttributes a = Files.readAttributes(resolve(path), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() || a.isSymbolicLink() ? OptionalLong.of(a.size()) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public InputStream open(String path) throws IOException {
        Path p = resolve(path);
        if (Files.isSymbolicLink(p)) {
            throw new ImageException(describe(path), "is a symbolic link; the files of an image layout must be "
                    + "regular files");
        }
        // a linked folder on the way (blobs -> /somewhere) leads out of the layout just as a linked file does
        for (Path on = p.getParent(); on != null && on.startsWith(dir) && !on.equals(dir); on = on.getParent()) {
            if (Files.isSymbolicLink(on)) {
                throw new ImageException(describe(path), dir.relativize(on) + " is a symbolic link; the folders of "
                        + "an image layout must be real folders");
            }
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new ImageException(describe(path), "missing from the image layout");
        }
        // NOFOLLOW_LINKS again at open (O_NOFOLLOW): a link swapped in after the check is refused too
        return Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS);
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
