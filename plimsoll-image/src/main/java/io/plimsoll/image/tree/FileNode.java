package io.plimsoll.image.tree;

import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.layer.LayerEntry;

/**
 * A path of the squashed image: its metadata as the layer that last wrote it left it.
 *
 * @param layer    index of the layer that last wrote this path (0 = base layer)
 * @param implicit the path was never an archive entry itself; it exists because a layer wrote something under it
 */
public record FileNode(String path, FileType type, int mode, long uid, long gid, long size, String linkTarget,
                       int layer, boolean implicit, boolean sparse) {

    static FileNode of(LayerEntry e, int layer) {
        return new FileNode(e.path(), e.type(), e.mode(), e.uid(), e.gid(), e.size(), e.linkTarget(), layer, false,
                e.sparse());
    }

    static FileNode implicitDirectory(String path, int layer) {
        return new FileNode(path, FileType.DIRECTORY, 0755, 0, 0, 0, "", layer, true, false);
    }

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    public boolean isSetuid() {
        return (mode & 04000) != 0;
    }

    public boolean isSetgid() {
        return (mode & 02000) != 0;
    }

    /** {@code -rwsr-xr-x} style, as {@code ls -l} prints it. */
    public String modeString() {
        char[] c = new char[10];
        c[0] = type.letter() == 'h' ? '-' : type.letter();
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            c[i + 1] = (mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-';
        }
        if (isSetuid()) {
            c[3] = c[3] == 'x' ? 's' : 'S';
        }
        if (isSetgid()) {
            c[6] = c[6] == 'x' ? 's' : 'S';
        }
        if ((mode & 01000) != 0) {
            c[9] = c[9] == 'x' ? 't' : 'T';
        }
        return new String(c);
    }
}
