package io.plimsoll.image.tree;

import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.layer.LayerPaths;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The squashed image: every path that survives all layers' writes and whiteouts, with the layer that last
 * wrote it. Immutable; built by {@link FileTreeBuilder}.
 */
public final class FileTree {

    /** Linux's limit on symlinks followed in one lookup (MAXSYMLINKS); a loop ends here. */
    public static final int MAX_LINKS = 40;

    private static final FileNode ROOT = FileNode.implicitDirectory("/", 0);

    private final NavigableMap<String, FileNode> nodes;

    FileTree(NavigableMap<String, FileNode> nodes) {
        this.nodes = Collections.unmodifiableNavigableMap(nodes);
    }

    /** The node at exactly this path, links not followed. */
    public Optional<FileNode> get(String path) {
        String p = LayerPaths.absolute(path);
        return p.equals("/") ? Optional.of(nodes.getOrDefault("/", ROOT)) : Optional.ofNullable(nodes.get(p));
    }

    /** All nodes, sorted by path. */
    public Collection<FileNode> nodes() {
        return nodes.values();
    }

    public int size() {
        return nodes.size();
    }

    /** The direct children of a directory, sorted by name. */
    public List<FileNode> children(String dir) {
        String prefix = LayerPaths.descendantPrefix(LayerPaths.absolute(dir));
        return descendants(prefix).values().stream()
                .filter(n -> n.path().indexOf('/', prefix.length()) < 0)
                .collect(Collectors.toList());
    }

    /** How many nodes of each type the tree holds. */
    public Map<FileType, Long> countByType() {
        Map<FileType, Long> counts = new EnumMap<>(FileType.class);
        for (FileNode n : nodes.values()) {
            counts.merge(n.type(), 1L, Long::sum);
        }
        return counts;
    }

    /**
     * Finds what a process inside the image would open at {@code path}: symlinks in every element are
     * followed (absolute targets from the image root, relative ones from their directory, {@code ..} never
     * above the root), a hard link leads to its target's node, at most {@link #MAX_LINKS} links.
     */
    public Lookup resolve(String path) {
        Deque<String> todo = new ArrayDeque<>();
        pushElements(todo, path);
        String current = "/";
        int links = 0;
        while (!todo.isEmpty()) {
            String element = todo.pop();
            if (element.equals("..")) {
                current = LayerPaths.parent(current);
                continue;
            }
            String next = LayerPaths.child(current, element);
            FileNode node = nodes.get(next);
            if (node == null) {
                return new Lookup.Missing(path, next + " does not exist");
            }
            if (node.type() == FileType.SYMLINK) {
                if (++links > MAX_LINKS) {
                    return new Lookup.Loop(path, links - 1);
                }
                String target = node.linkTarget();
                if (target.isEmpty()) {
                    return new Lookup.Missing(path, next + " is a symlink with an empty target");
                }
                if (target.startsWith("/")) {
                    current = "/";
                }
                pushElements(todo, target);
                continue;
            }
            if (!todo.isEmpty() && !node.isDirectory()) {
                return new Lookup.Missing(path, next + " is not a directory");
            }
            current = next;
        }
        FileNode node = current.equals("/") ? nodes.getOrDefault("/", ROOT) : nodes.get(current);
        if (node.type() == FileType.HARDLINK) {
            FileNode target = nodes.get(node.linkTarget());
            if (target == null) {
                return new Lookup.Missing(path, current + " is a hard link to " + node.linkTarget()
                        + ", which is not in the image");
            }
            return new Lookup.Found(path, node.linkTarget(), target);
        }
        return new Lookup.Found(path, current, node);
    }

    private static void pushElements(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            String p = parts[i];
            if (!p.isEmpty() && !p.equals(".")) {
                todo.push(p);
            }
        }
    }

    NavigableMap<String, FileNode> descendants(String prefix) {
        return nodes.subMap(prefix, false, prefix + Character.MAX_VALUE, false);
    }
}
