package io.plimsoll.catalog;

import io.plimsoll.image.Image;
import io.plimsoll.image.tree.FileTree;
import io.plimsoll.model.Distro;
import java.util.List;
import java.util.Optional;

/** What a cataloger sees after the walk: the squashed tree and the bytes of the files it asked for. */
public interface CatalogInput {

    Image image();

    FileTree tree();

    /** The distro, when one was detected (catalogers need it for PURLs). */
    Optional<Distro> distro();

    /** The bytes the final image holds at {@code path} (symlinks followed), if the cataloger asked for it. */
    Optional<byte[]> squashed(String path);

    /** Every layer's version of {@code path}, bottom layer first; only files the cataloger asked for. */
    List<FileVersion> versions(String path);

    /**
     * The paths the cataloger asked for that count in this scope, sorted: with {@link Scope#SQUASHED} those that
     * exist as regular files in the final image, with {@link Scope#ALL_LAYERS} every one any layer wrote.
     */
    List<String> paths();

    Scope scope();

    /** Whether the version of {@code path} that {@code layer} wrote counts in this scope. */
    default boolean isLive(String path, int layer) {
        if (scope() == Scope.ALL_LAYERS) {
            return true;
        }
        return tree().get(path).map(n -> n.layer() == layer && n.type() == io.plimsoll.image.layer.FileType.REGULAR)
                .orElse(false);
    }

    /** The Dockerfile step and digest of a layer, for provenance. */
    default Provenance provenance(int layer) {
        var l = image().layers().get(layer);
        return new Provenance(layer, l.digest(), l.history().map(h -> h.instruction()));
    }
}
