package io.plimsoll.image.tree;

import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.image.layer.LayerPaths;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Stacks layers the way overlayfs does: each layer's whiteouts and opaque directories hide what lower layers
 * wrote, then its entries are written on top (a later entry for the same path wins, also within one layer).
 */
public final class FileTreeBuilder {

    private final TreeMap<String, FileNode> nodes = new TreeMap<>();

    /** Applies one layer; layers must be applied bottom-up, in manifest order. */
    public FileTreeBuilder apply(int layer, LayerChanges changes) {
        for (String dir : changes.opaqueDirectories()) {
            removeDescendants(dir);
        }
        for (String path : changes.whiteouts()) {
            nodes.remove(path);
            removeDescendants(path);
        }
        for (LayerEntry entry : changes.entries()) {
            write(layer, entry);
        }
        return this;
    }

    public FileTree build() {
        return new FileTree(new TreeMap<>(nodes));
    }

    private void write(int layer, LayerEntry entry) {
        String path = entry.path();
        if (!path.equals("/")) {
            ensureDirectory(LayerPaths.parent(path), layer);
        }
        FileNode previous = nodes.put(path, FileNode.of(entry, layer));
        if (previous != null && previous.isDirectory() && !entry.isDirectory()) {
            // a file written over a directory hides everything that was under it
            removeDescendants(path);
        }
    }

    /**
     * Makes sure every element of {@code dir} is a directory. A layer that writes {@code /a/b} without an
     * entry for {@code /a} still creates {@code /a}; if a lower layer had a file or symlink there, the
     * directory replaces it, as unpacking the layer on a fresh overlay would.
     */
    private void ensureDirectory(String dir, int layer) {
        if (dir.equals("/")) {
            return;
        }
        FileNode existing = nodes.get(dir);
        if (existing != null && existing.isDirectory()) {
            return;
        }
        ensureDirectory(LayerPaths.parent(dir), layer);
        nodes.put(dir, FileNode.implicitDirectory(dir, layer));
    }

    private void removeDescendants(String dir) {
        NavigableMap<String, FileNode> under =
                nodes.subMap(LayerPaths.descendantPrefix(dir), false, LayerPaths.descendantPrefix(dir) + Character.MAX_VALUE, false);
        under.clear();
    }
}
