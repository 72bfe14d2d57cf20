package io.plimsoll.vuln.advice;

import io.plimsoll.catalog.Package;
import io.plimsoll.image.Layer;
import java.util.List;
import java.util.Optional;

/**
 * Where a package came from, as advice words it.
 *
 * @param layer the index of the layer that first had the package at this version
 * @param step  the Dockerfile step that made that layer ({@code RUN apt-get install …}), when the history says
 * @param base  whether that layer is the base image's; empty when the base cannot be told
 */
public record LayerOrigin(int layer, Optional<String> step, Optional<Boolean> base) {

    /** Where {@code pkg} came from among {@code layers} (the step from their history, else the package's own). */
    public static LayerOrigin of(List<Layer> layers, Package pkg, BaseImage base) {
        if (pkg.provenance() == null) {
            return new LayerOrigin(-1, Optional.empty(), Optional.empty());
        }
        int layer = pkg.provenance().layer();
        Optional<String> step = layers.stream().filter(l -> l.index() == layer).findFirst()
                .flatMap(Layer::history).map(h -> h.instruction())
                .or(() -> pkg.provenance().createdBy());
        return new LayerOrigin(layer, step, base.contains(layer));
    }

    /** What to change: {@code rebuild on a newer base}, {@code change layer 3 (RUN …)}, or the layer alone. */
    public String action() {
        if (base.orElse(false)) {
            return "rebuild on a newer base";
        }
        String where = "layer " + layer + step.map(s -> " (" + s + ")").orElse("");
        return base.isPresent() ? "change " + where : "upgrade in " + where;
    }
}
