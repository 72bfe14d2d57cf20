package io.plimsoll.image.walk;

import io.plimsoll.image.Image;
import io.plimsoll.image.tree.FileTree;
import java.util.List;

/** An image after its one pass: the squashed tree and what each layer held. */
public record WalkResult(Image image, FileTree tree, List<LayerReport> layers) {

    public WalkResult {
        layers = List.copyOf(layers);
    }

    public long expandedBytes() {
        return layers.stream().filter(l -> l.reusedFrom() < 0).mapToLong(l -> l.summary().expandedBytes()).sum();
    }

    public long compressedBytes() {
        return layers.stream().filter(l -> l.reusedFrom() < 0).mapToLong(l -> l.summary().compressedBytes()).sum();
    }

    public List<String> warnings() {
        return java.util.stream.Stream.concat(image.warnings().stream(),
                layers.stream().flatMap(l -> l.summary().warnings().stream())).toList();
    }
}
