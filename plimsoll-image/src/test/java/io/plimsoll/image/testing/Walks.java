package io.plimsoll.image.testing;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.walk.FileInterest;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.image.walk.WalkResult;
import java.io.IOException;
import java.util.List;

/** Opens and walks an image in one call, for tests. */
public final class Walks {

    private Walks() {
    }

    public static WalkResult walk(String reference, FileInterest... interests) throws ImageException {
        return walk(reference, ImageOptions.DEFAULT, 2, interests);
    }

    public static WalkResult walk(String reference, ImageOptions options, int parallelism, FileInterest... interests)
            throws ImageException {
        try (ImageSource source = ImageSources.open(ImageReferences.parse(reference), options)) {
            return new LayerWalker(parallelism, options.limits()).walk(source, List.of(interests));
        } catch (ImageException e) {
            throw e;
        } catch (IOException e) {
            throw new AssertionError("close failed", e);
        }
    }

    public static WalkResult walk(String reference, ImageLimits limits) throws ImageException {
        return walk(reference, ImageOptions.DEFAULT.withLimits(limits), 2);
    }
}
