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
}
