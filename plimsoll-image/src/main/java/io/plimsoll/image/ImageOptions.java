package io.plimsoll.image;

import io.plimsoll.model.Platform;
import java.util.Optional;

/**
 * How to open an image.
 *
 * @param platform the platform to pick from a multi-platform index; empty means linux/amd64, or the only
 *                 platform the image has
 */
public record ImageOptions(Optional<Platform> platform, ImageLimits limits) {

    public static final ImageOptions DEFAULT = new ImageOptions(Optional.empty(), ImageLimits.DEFAULT);

    public ImageOptions withPlatform(Platform p) {
        return new ImageOptions(Optional.of(p), limits);
    }

    public ImageOptions withLimits(ImageLimits l) {
        return new ImageOptions(platform, l);
    }
}
