package io.plimsoll.image.tree;

import io.plimsoll.image.ImageLimits;
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
    private final ImageLimits limits;
    private long implicitDirectories;
    private long implicitBytes;

    public FileTreeBuilder() {
        this(ImageLimits.DEFAULT);
    }

    /** A builder that refuses, with a {@link TreeLimitException}, a tree deeper or bigger than {@code limits} allow. */
    public FileTreeBuilder(ImageLimits limits) {
        this.limits = limits;
    }

    /**
     * Applies one layer; layers must be applied bottom-up, in manifest order.
     *
     * @throws TreeLimitException when the layer's entries imply more directories than the limits allow
     */
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
     *
     * <p>Iterative, not recursive: a crafted path thousands of elements deep must not overflow the stack. Each
     * directory created here is a node keyed by its whole path, so a deep path costs the sum of its prefixes' lengths;
     * those are charged to the limits before any is kept.
     */
    private void ensureDirectory(String dir, int layer) {
        java.util.ArrayDeque<String> missing = new java.util.ArrayDeque<>();
        long bytes = 0;
        for (String d = dir; !d.equals("/"); d = LayerPaths.parent(d)) {
            FileNode existing = nodes.get(d);
            if (existing != null && existing.isDirectory()) {
                break;
            }
            if (missing.size() >= limits.maxPathDepth()) {
                throw new TreeLimitException("'" + abbreviate(dir) + "' is more than " + limits.maxPathDepth()
                        + " directories deep");
            }
            missing.push(d);
            bytes += d.length();
        }
        implicitDirectories += missing.size();
        implicitBytes += bytes;
        if (implicitDirectories > limits.maxEntries() || implicitBytes > limits.maxPathBytesTotal()) {
            throw new TreeLimitException("its entries imply more than " + limits.maxEntries() + " directories or "
                    + (limits.maxPathBytesTotal() >> 20) + " MiB of directory names that no layer lists (at '"
                    + abbreviate(dir) + "')");
        }
        while (!missing.isEmpty()) {
            String d = missing.pop();
            nodes.put(d, FileNode.implicitDirectory(d, layer));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    private void removeDescendants(String dir) {
        NavigableMap<String, FileNode> under =
                nodes.subMap(LayerPaths.descendantPrefix(dir), false, LayerPaths.descendantPrefix(dir) + Character.MAX_VALUE, false);
        under.clear();
    }
}
