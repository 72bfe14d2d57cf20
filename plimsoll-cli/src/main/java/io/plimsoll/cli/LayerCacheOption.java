package io.plimsoll.cli;

import io.plimsoll.app.AnalyzerSet;
import io.plimsoll.image.layer.Bytes;
import io.plimsoll.image.walk.LayerCache;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * {@code --no-cache} and the layer cache behind it, for the commands that catalog an image: what the analyzers took
 * from each layer, kept by layer digest in {@code CACHE_DIR/layers} so the next scan of the image (or of another
 * image over the same base) reads none of the layers it has seen.
 */
final class LayerCacheOption {

    static final String MAX_VARIABLE = "PLIMSOLL_LAYER_CACHE_MAX";

    @Option(names = "--no-cache",
            description = "Read every layer and keep nothing from it (default: what the analyzers took from each "
                    + "layer is kept by digest in the cache directory, up to PLIMSOLL_LAYER_CACHE_MAX, default 2G; "
                    + "see 'plimsoll cache').")
    boolean noCache;

    /** The walker's memo for this run, or none with --no-cache or a cap of 0. */
    Optional<LayerCache.Memo> memo(Consumer<String> warnings) {
        if (noCache) {
            return Optional.empty();
        }
        return layerCache().map(c -> c.memo(AnalyzerSet.standard(Main.version()), warnings));
    }

    /** The layer cache the environment asks for: {@code CACHE_DIR/layers}, capped, or none when the cap is 0. */
    static Optional<LayerCache> layerCache() {
        Map<String, String> env = Settings.environment();
        java.nio.file.Path dir = Settings.cacheDir(env).resolve("layers");
        String max = env.getOrDefault(MAX_VARIABLE, "").trim();
        if (max.isEmpty()) {
            return Optional.of(new LayerCache(dir, LayerCache.DEFAULT_MAX_BYTES));
        }
        if (max.equals("0")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LayerCache(dir, Bytes.parse(max)));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(MAX_VARIABLE + ": " + e.getMessage());
        }
    }

    /** The cache even when caching is off, so it can still be inspected and emptied. */
    static LayerCache forCommands() {
        return layerCache().orElseGet(() -> new LayerCache(Settings.cacheDir(Settings.environment())
                .resolve("layers"), 0));
    }
}
