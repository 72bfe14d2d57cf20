package io.plimsoll.image.source;

import io.plimsoll.image.Image;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.Layer;
import io.plimsoll.image.SourceKind;
import io.plimsoll.image.layer.LayerReader;
import io.plimsoll.image.registry.RegistryClient;
import io.plimsoll.image.registry.RegistryReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * An image pulled from a registry: manifests are fetched when opened, layers streamed from the registry each time
 * they are read (no temporary files), each verified against its manifest digest while it streams.
 *
 * <p>It lives in this package, not {@code io.plimsoll.image.registry}, because {@link ImageSource} is sealed and
 * the project has no module-info: a sealed type's permitted subclasses must then share its package.
 */
public final class RegistrySource implements ImageSource {

    private final OciLayoutSource layout;
    private final RegistryClient client;

    private RegistrySource(OciLayoutSource layout, RegistryClient client) {
        this.layout = layout;
        this.client = client;
    }

    public static RegistrySource open(RegistryReference ref, String text, RegistryClient client, ImageOptions options)
            throws ImageException {
        try {
            RegistryFiles files = new RegistryFiles(client, ref, text, options);
            return new RegistrySource(OciLayoutSource.open(files, SourceKind.REGISTRY, text, Optional.empty(), options),
                    client);
        } catch (UncheckedIOException e) {
            throw e.getCause() instanceof ImageException ie ? ie
                    : new ImageException(text, e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public Image image() {
        return layout.image();
    }

    @Override
    public LayerReader reader(Layer layer) {
        return layout.reader(layer);
    }

    @Override
    public void close() throws IOException {
        layout.close();
        // after the scan, so the blobs it just used are the most recent and stay
        if (client.blobCache().isPresent()) {
            try {
                client.blobCache().get().prune();
            } catch (IOException ignored) {
                // an over-full cache is trimmed by the next scan or 'plimsoll cache prune'; this scan succeeded
            }
        }
    }
}
