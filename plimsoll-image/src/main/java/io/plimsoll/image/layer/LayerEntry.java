package io.plimsoll.image.layer;

/**
 * One entry of a layer as its archive states it, with the path already made absolute and clean.
 *
 * @param path       absolute, normalised path inside the image ({@code /etc/os-release}); {@code /} is the root
 * @param mode       permission bits including setuid, setgid and sticky ({@code 07777})
 * @param size       content bytes for regular files (for sparse files: the size the file claims)
 * @param linkTarget symlink target as written (may be relative), or the absolute path a hard link points to;
 *                   empty for other types
 * @param sparse     content is stored sparse; it is never handed to consumers (its holes could be a bomb)
 */
public record LayerEntry(String path, FileType type, int mode, long uid, long gid, long size, String linkTarget,
                         long modifiedEpochSeconds, boolean sparse) {

    public boolean isRegular() {
        return type == FileType.REGULAR;
    }

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    /** The last path element, or {@code /} for the root. */
    public String name() {
        return LayerPaths.name(path);
    }
}
