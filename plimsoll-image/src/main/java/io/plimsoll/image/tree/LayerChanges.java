package io.plimsoll.image.tree;

import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.image.layer.LayerPaths;
import java.util.ArrayList;
import java.util.List;

/**
 * What one layer does to the tree below it: paths it deletes ({@code .wh.NAME}), directories whose lower
 * contents it hides ({@code .wh..wh..opq}), and the entries it writes.
 *
 * <p>It depends only on the layer's bytes, so it can be computed once per layer digest and reused.
 */
public record LayerChanges(List<LayerEntry> entries, List<String> whiteouts, List<String> opaqueDirectories) {

    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";
    /** aufs bookkeeping ({@code .wh..wh.plnk}, {@code .wh..wh.aufs}); never part of the image's files. */
    static final String AUFS_META_PREFIX = ".wh..wh.";

    public LayerChanges {
        entries = List.copyOf(entries);
        whiteouts = List.copyOf(whiteouts);
        opaqueDirectories = List.copyOf(opaqueDirectories);
    }

    /** Whether an entry is whiteout bookkeeping rather than a file of the image. */
    public static boolean isWhiteout(LayerEntry entry) {
        return entry.name().startsWith(WHITEOUT_PREFIX) || isAufsMeta(entry.path());
    }

    /** Inside aufs's hard-link and metadata directories ({@code /.wh..wh.plnk/…}), but not an opaque marker. */
    private static boolean isAufsMeta(String path) {
        int i = path.indexOf("/" + AUFS_META_PREFIX);
        return i >= 0 && !path.endsWith("/" + OPAQUE_MARKER);
    }

    /** Sorts a layer's entries into writes, whiteouts and opaque markers, in archive order. */
    public static final class Builder {
        private final List<LayerEntry> entries = new ArrayList<>();
        private final List<String> whiteouts = new ArrayList<>();
        private final List<String> opaque = new ArrayList<>();

        public void add(LayerEntry entry) {
            String name = entry.name();
            if (isAufsMeta(entry.path())) {
                return;
            }
            if (!name.startsWith(WHITEOUT_PREFIX)) {
                entries.add(entry);
            } else if (name.equals(OPAQUE_MARKER)) {
                opaque.add(LayerPaths.parent(entry.path()));
            } else if (!name.startsWith(AUFS_META_PREFIX)) {
                String target = name.substring(WHITEOUT_PREFIX.length());
                if (!target.isEmpty() && !target.equals(".") && !target.equals("..")) {
                    whiteouts.add(LayerPaths.child(LayerPaths.parent(entry.path()), target));
                }
            }
        }

        public LayerChanges build() {
            return new LayerChanges(entries, whiteouts, opaque);
        }
    }
}
