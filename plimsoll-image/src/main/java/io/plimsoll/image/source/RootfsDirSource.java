package io.plimsoll.image.source;

import io.plimsoll.image.Image;
import io.plimsoll.image.ImageConfig;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.Layer;
import io.plimsoll.image.SourceKind;
import io.plimsoll.image.layer.DirectoryLayerReader;
import io.plimsoll.image.layer.LayerReader;
import io.plimsoll.model.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A root filesystem directory (a host's {@code /}, a chroot, an unpacked image), seen as an image of one
 * layer with no manifest or config.
 */
public final class RootfsDirSource implements ImageSource {

    private final Path root;
    private final Image image;

    private RootfsDirSource(Path root, Image image) {
        this.root = root;
        this.image = image;
    }

    static RootfsDirSource open(Path root, String name) throws ImageException {
        if (!Files.isDirectory(root)) {
            throw new ImageException(root.toString(), Files.exists(root) ? "not a directory" : "no such directory");
        }
        // A directory has no recorded platform; the host's is the best guess (and right for dir:/).
        Platform host = new Platform("linux", System.getProperty("os.arch", "unknown"), "").normalized();
        Layer only = new Layer(0, Optional.empty(), "directory", -1, Optional.empty(), Optional.empty());
        Image image = new Image(name, SourceKind.ROOTFS_DIR, Optional.empty(), Optional.empty(), host, List.of(),
                ImageConfig.EMPTY, List.of(only), List.of());
        return new RootfsDirSource(root, image);
    }

    @Override
    public Image image() {
        return image;
    }

    @Override
    public LayerReader reader(Layer layer) {
        return new DirectoryLayerReader(root);
    }

    @Override
    public void close() {
    }
}
