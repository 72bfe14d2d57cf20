package io.plimsoll.vuln.advice;

import io.plimsoll.image.HistoryStep;
import io.plimsoll.image.Image;
import io.plimsoll.image.Layer;
import io.plimsoll.model.Digest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which of an image's layers came from its base image, and how that was decided.
 *
 * @param name   the base image's reference, when known ({@code --base}, or the OCI annotation)
 * @param digest the base image's manifest digest, when known
 * @param layers how many of the image's first layers are the base's; empty when it cannot be told
 * @param how    {@code base-image} (layers compared with {@code --base}), {@code annotation} (named by the OCI
 *               annotations, the boundary from history), {@code history} (the last FROM's boundary in the history)
 *               or {@code unknown}
 */
public record BaseImage(Optional<String> name, Optional<String> digest, OptionalInt layers, String how) {

    public static final String BASE_NAME = "org.opencontainers.image.base.name";
    public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";

    /** Nothing known about a base. */
    public static BaseImage unknown() {
        return new BaseImage(Optional.empty(), Optional.empty(), OptionalInt.empty(), "unknown");
    }

    /** Whether {@code layer} (an index into the image's layers) is the base image's; empty when unknown. */
    public Optional<Boolean> contains(int layer) {
        return layers.isPresent() ? Optional.of(layer < layers.getAsInt()) : Optional.empty();
    }

    /**
     * The base from the image alone: the OCI annotations (on the manifest, else as config labels) name it, and the
     * history gives the boundary.
     */
    public static BaseImage of(Image image) {
        Optional<String> name = annotation(image, BASE_NAME);
        Optional<String> digest = annotation(image, BASE_DIGEST);
        OptionalInt boundary = historyBoundary(image);
        if (name.isPresent() || digest.isPresent()) {
            return new BaseImage(name, digest, boundary, "annotation");
        }
        return boundary.isPresent() ? new BaseImage(name, digest, boundary, "history") : unknown();
    }

    /** The base given explicitly: the image's layers that are the base's first layers, by uncompressed digest. */
    public static BaseImage of(Image image, Image base, String reference) {
        List<Optional<Digest>> mine = image.layers().stream().map(Layer::diffId).toList();
        List<Optional<Digest>> theirs = base.layers().stream().map(Layer::diffId).toList();
        int shared = 0;
        while (shared < mine.size() && shared < theirs.size() && mine.get(shared).isPresent()
                && mine.get(shared).equals(theirs.get(shared))) {
            shared++;
        }
        return new BaseImage(Optional.of(reference), base.manifestDigest().map(Digest::toString),
                OptionalInt.of(shared), "base-image");
    }

    private static Optional<String> annotation(Image image, String key) {
        Map<String, String> labels = image.config().labels();
        return Optional.ofNullable(image.annotations().get(key)).or(() -> Optional.ofNullable(labels.get(key)))
                .filter(v -> !v.isBlank());
    }

    /**
     * The layers up to the last FROM. A history records no FROM, but every base image ends with its CMD or
     * ENTRYPOINT (an empty-layer step); the last such step that later steps built layers on is where the base ends.
     * The image's own CMD at the very end is not a boundary: nothing was built on it.
     */
    static OptionalInt historyBoundary(Image image) {
        List<HistoryStep> history = image.config().history();
        long total = history.stream().filter(s -> !s.emptyLayer()).count();
        int layersSoFar = 0;
        int boundary = -1;
        for (HistoryStep step : history) {
            if (!step.emptyLayer()) {
                layersSoFar++;
                continue;
            }
            String instruction = step.instruction().toUpperCase(Locale.ROOT);
            if ((instruction.startsWith("CMD") || instruction.startsWith("ENTRYPOINT")) && layersSoFar < total) {
                boundary = layersSoFar;
            }
        }
        // history that does not line up with the layers says nothing about them
        return boundary < 0 || total != image.layers().size() ? OptionalInt.empty() : OptionalInt.of(boundary);
    }
}
