package io.plimsoll.catalog.testing;

import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.FileVersion;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.catalog.Scope;
import io.plimsoll.image.Image;
import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.image.tree.FileTree;
import io.plimsoll.image.walk.FileInterest;
import io.plimsoll.image.walk.LayerFile;
import io.plimsoll.model.Distro;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Feeds files to a streaming cataloger's interest the way the walker does, without an image, and gives its
 * {@code catalog} step an input where every layer counts ({@link Scope#ALL_LAYERS}).
 */
public final class StreamedFiles {

    private StreamedFiles() {
    }

    public static LayerEntry regular(String path, int mode, long size) {
        return new LayerEntry(path, FileType.REGULAR, mode, 0, 0, size, "", 0, false);
    }

    /** Offers the file as the walker would: only if wanted, and only if within the interest's size limit. */
    public static boolean offer(FileInterest interest, String path, int mode, int layer, byte[] content)
            throws IOException {
        LayerEntry e = regular(path, mode, content.length);
        if (content.length > interest.maxFileSize() || !interest.wants(e)) {
            return false;
        }
        interest.accept(new LayerFile(path, layer, Optional.empty(), e), new ByteArrayInputStream(content));
        return true;
    }

    /** An input without an image: every layer's files count, provenance is the bare layer index. */
    public static CatalogInput allLayers() {
        return new CatalogInput() {
            @Override
            public Image image() {
                throw new UnsupportedOperationException("no image in this test");
            }

            @Override
            public FileTree tree() {
                throw new UnsupportedOperationException("no tree in this test");
            }

            @Override
            public Optional<Distro> distro() {
                return Optional.empty();
            }

            @Override
            public Optional<byte[]> squashed(String path) {
                return Optional.empty();
            }

            @Override
            public List<FileVersion> versions(String path) {
                return List.of();
            }

            @Override
            public List<String> paths() {
                return List.of();
            }

            @Override
            public Scope scope() {
                return Scope.ALL_LAYERS;
            }

            @Override
            public Provenance provenance(int layer) {
                return new Provenance(layer, Optional.empty(), Optional.empty());
            }
        };
    }
}
