package io.plimsoll.image.source;

import io.plimsoll.image.Image;
import io.plimsoll.image.Layer;
import io.plimsoll.image.layer.LayerReader;
import java.io.Closeable;

/**
 * An opened image: its metadata already read and checked, its layers ready to be streamed.
 * One implementation per container format, and one for registries.
 */
public sealed interface ImageSource extends Closeable permits OciLayoutSource, DockerArchiveSource,
        RootfsDirSource, RegistrySource, LayerBlobsSource {

    Image image();

    /** A reader for one of {@link #image()}'s layers; each read streams the layer afresh. */
    LayerReader reader(Layer layer);

    /**
     * For a layer without a digest, what makes it the same bytes as another of this image's layers (e.g. the file
     * that holds it), so that a layer listed many times is read once; empty when the source cannot tell.
     */
    default java.util.Optional<Object> sameBytesAs(Layer layer) {
        return java.util.Optional.empty();
    }
}
