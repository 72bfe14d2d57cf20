package io.plimsoll.image.source;

import io.plimsoll.image.HistoryStep;
import io.plimsoll.image.ImageConfig;
import io.plimsoll.image.Layer;
import io.plimsoll.model.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Ties manifest layers to the config's diff ids and history steps, noting where they disagree. */
final class Layers {

    /** A layer blob as a manifest lists it. */
    record Blob(Optional<Digest> digest, String mediaType, long size) {
    }

    private Layers() {
    }

    /**
     * Refuses a manifest listing more layers than any real image has (Docker runs at most 127): each listed layer is
     * read, and stacked, once per listing.
     */
    static void checkCount(int layers, io.plimsoll.image.ImageLimits limits, String subject)
            throws io.plimsoll.image.ImageException {
        if (layers > limits.maxLayers()) {
            throw new io.plimsoll.image.ImageException(subject, "lists " + layers + " layers, over the limit of "
                    + limits.maxLayers() + ": refusing the image");
        }
    }

    static List<Layer> describe(List<Blob> blobs, ImageConfig config, List<String> warnings) {
        List<Digest> diffIds = config.diffIds();
        if (!diffIds.isEmpty() && diffIds.size() != blobs.size()) {
            warnings.add("the manifest lists " + blobs.size() + " layers but the config has " + diffIds.size()
                    + " diff ids; layers are shown without them");
        }
        long producing = config.history().stream().filter(h -> !h.emptyLayer()).count();
        if (!config.history().isEmpty() && producing != blobs.size()) {
            warnings.add("the history records " + producing + " steps that made layers but the image has "
                    + blobs.size() + " layers; layers are shown without their Dockerfile steps");
        }
        List<Layer> layers = new ArrayList<>(blobs.size());
        for (int i = 0; i < blobs.size(); i++) {
            Blob b = blobs.get(i);
            Optional<Digest> diffId = diffIds.size() == blobs.size() ? Optional.of(diffIds.get(i)) : Optional.empty();
            int index = i;
            Optional<HistoryStep> step = config.history().stream()
                    .filter(h -> h.layer().isPresent() && h.layer().getAsInt() == index).findFirst();
            layers.add(new Layer(i, b.digest(), b.mediaType(), b.size(), diffId, step));
        }
        return layers;
    }
}
