package io.plimsoll.image.source;

import io.plimsoll.image.Image;
import io.plimsoll.image.ImageConfig;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.Layer;
import io.plimsoll.image.SourceKind;
import io.plimsoll.image.layer.BlobOpener;
import io.plimsoll.image.layer.LayerReader;
import io.plimsoll.image.layer.MediaTypes;
import io.plimsoll.image.layer.TarLayerReader;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Platform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image known only by its layer blobs, each with its digest and a way to open it: what a Clair index request
 * gives (a manifest digest and its layers' URIs), so there is no manifest, config or history to read. Each blob is
 * verified against its digest while it streams, as any other source's layers are.
 */
public final class LayerBlobsSource implements ImageSource {

    /** One layer: its blob's digest and media type (an uncompressed tar when the request names none). */
    public record Blob(Digest digest, String mediaType, long size, BlobOpener opener) {
    }

    private final String name;
    private final Image image;
    private final Map<Digest, BlobOpener> openers;

    private LayerBlobsSource(String name, Image image, Map<Digest, BlobOpener> openers) {
        this.name = name;
        this.image = image;
        this.openers = openers;
    }

    /**
     * @param name     how messages name the image, e.g. {@code manifest sha256:…}
     * @param manifest the digest the image is known by
     * @param platform what the caller takes the image to be for (the blobs do not say)
     * @throws ImageException when a blob's media type is not a layer's
     */
    public static LayerBlobsSource open(String name, Digest manifest, Platform platform, List<Blob> blobs)
            throws ImageException {
        List<Layers.Blob> described = new ArrayList<>(blobs.size());
        Map<Digest, BlobOpener> openers = new HashMap<>();
        for (int i = 0; i < blobs.size(); i++) {
            Blob b = blobs.get(i);
            if (!MediaTypes.isLayer(b.mediaType())) {
                throw new ImageException(name + " (layer " + i + ")", "not a container image layer: media type '"
                        + b.mediaType() + "'");
            }
            described.add(new Layers.Blob(Optional.of(b.digest()), b.mediaType(), b.size()));
            openers.putIfAbsent(b.digest(), b.opener());
        }
        List<String> warnings = new ArrayList<>();
        Image image = new Image(name, SourceKind.LAYER_BLOBS, Optional.of(manifest), Optional.empty(), platform,
                List.of(), ImageConfig.EMPTY, Layers.describe(described, ImageConfig.EMPTY, warnings), warnings);
        return new LayerBlobsSource(name, image, openers);
    }

    @Override
    public Image image() {
        return image;
    }

    @Override
    public LayerReader reader(Layer layer) {
        Digest d = layer.digest().orElseThrow();
        return new TarLayerReader(name + ": " + layer.label(), openers.get(d), layer.digest(), false);
    }

    /** Nothing to release: the caller owns the blobs. */
    @Override
    public void close() {
    }
}
