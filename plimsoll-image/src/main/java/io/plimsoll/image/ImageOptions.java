package io.plimsoll.image;

import io.plimsoll.model.Digest;
import io.plimsoll.model.Platform;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How to open an image.
 *
 * @param platform    the platform to pick from a multi-platform index; empty means linux/amd64, or the only
 *                    platform the image has
 * @param layersKnown the layers the walk will replay from its memo instead of reading, when the caller can tell
 *                    (a guess: a layer it names may still be read, should its recording turn out damaged). A pulled
 *                    image starts fetching the others while its config is fetched, one round trip sooner than
 *                    waiting for the walker to ask; empty means the caller cannot tell, and a layer is fetched only
 *                    once the walker opens it (a memo that knows every layer must cost no fetch)
 */
public record ImageOptions(Optional<Platform> platform, ImageLimits limits, Optional<LayersKnown> layersKnown) {

    public static final ImageOptions DEFAULT = new ImageOptions(Optional.empty(), ImageLimits.DEFAULT);

    /**
     * Which of the chosen image's layers the walk will replay, asked once, when the image is chosen and before any
     * of its layers is fetched: a caller whose memo sits behind a database answers for all of them in one query
     * instead of one per layer, and one that will not walk an image it already knows (by its manifest digest)
     * answers "all of them", so nothing is fetched.
     */
    @FunctionalInterface
    public interface LayersKnown {
        /** @param layers the manifest's layers in the order the walker reads them */
        Predicate<Digest> among(Digest manifest, List<Digest> layers);
    }

    public ImageOptions(Optional<Platform> platform, ImageLimits limits) {
        this(platform, limits, Optional.empty());
    }

    public ImageOptions withPlatform(Platform p) {
        return new ImageOptions(Optional.of(p), limits, layersKnown);
    }

    public ImageOptions withLimits(ImageLimits l) {
        return new ImageOptions(platform, l, layersKnown);
    }

    /** @param known the layers the walk will not read (for a walk without a memo: none, {@code d -> false}) */
    public ImageOptions withLayersKnown(Predicate<Digest> known) {
        return withLayersKnown((manifest, layers) -> known);
    }

    public ImageOptions withLayersKnown(LayersKnown known) {
        return new ImageOptions(platform, limits, Optional.of(known));
    }
}
