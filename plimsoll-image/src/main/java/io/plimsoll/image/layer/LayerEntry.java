package io.plimsoll.image.layer;

import java.util.Objects;

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

    // equals and hashCode written out: a record's generated ones bootstrap method handles on first use, on a cold run's critical path
    // (docs/performance.md, "Records on the cold path")
    @Override
    public boolean equals(Object o) {
        return o instanceof LayerEntry e && path.equals(e.path) && type == e.type && mode == e.mode && uid == e.uid
                && gid == e.gid && size == e.size && linkTarget.equals(e.linkTarget)
                && modifiedEpochSeconds == e.modifiedEpochSeconds && sparse == e.sparse;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, type, mode, uid, gid, size, linkTarget, modifiedEpochSeconds, sparse);
    }
}
