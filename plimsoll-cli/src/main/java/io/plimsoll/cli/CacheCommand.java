package io.plimsoll.cli;

import io.plimsoll.image.layer.Bytes;
import io.plimsoll.image.registry.BlobCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plimsoll cache status|prune}: the two caches in the cache directory, the registry blobs and what the
 * analyzers took from each layer.
 */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"The blobs pulled from registries, kept by digest in the cache directory so a second scan of "
                + "an image fetches no layer (PLIMSOLL_BLOB_CACHE_MAX caps it, default 4G; 0 turns it off).",
            "What the analyzers took from each layer, kept by layer digest so a second scan reads no layer it has "
                + "seen (PLIMSOLL_LAYER_CACHE_MAX caps it, default 2G; 0 turns it off; --no-cache skips it for one "
                + "run)."},
        subcommands = {CacheCommand.Status.class, CacheCommand.Prune.class})
final class CacheCommand implements Runnable {

    static final String MAX_VARIABLE = "PLIMSOLL_BLOB_CACHE_MAX";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The blob cache the environment asks for: {@code CACHE_DIR/blobs}, capped, or none when the cap is 0. */
    static Optional<BlobCache> blobCache() {
        Map<String, String> env = Settings.environment();
        Path dir = Settings.cacheDir(env).resolve("blobs");
        String max = env.getOrDefault(MAX_VARIABLE, "").trim();
        if (max.isEmpty()) {
            return Optional.of(new BlobCache(dir, BlobCache.DEFAULT_MAX_BYTES));
        }
        if (max.equals("0")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BlobCache(dir, Bytes.parse(max)));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(MAX_VARIABLE + ": " + e.getMessage());
        }
    }

    /** The cache even when caching is off, so it can still be inspected and emptied. */
    private static BlobCache cacheForCommands() {
        return blobCache().orElseGet(() -> new BlobCache(Settings.cacheDir(Settings.environment()).resolve("blobs"), 0));
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Print where the blob and layer caches are, their sizes and how many entries they hold.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            BlobCache cache = cacheForCommands();
            BlobCache.Usage u = cache.usage();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("blob cache: %s%nsize: %s (%d bytes) in %d blobs, cap %s%n", cache.dir(), Bytes.human(u.bytes()),
                    u.bytes(), u.blobs(), blobCache().map(c -> Bytes.human(c.maxBytes())).orElse("none (caching is off)"));
            io.plimsoll.image.walk.LayerCache layers = LayerCacheOption.forCommands();
            io.plimsoll.image.walk.LayerCache.Usage l = layers.usage();
            out.printf("layer cache: %s%nsize: %s (%d bytes) in %d layers and %d catalogs, cap %s%n",
                    layers.dir(), Bytes.human(l.bytes()), l.bytes(), l.entries(), l.images(),
                    LayerCacheOption.layerCache()
                            .map(c -> Bytes.human(c.maxBytes())).orElse("none (caching is off)"));
            out.flush();
            return Main.OK;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Drop the least recently used blobs and layers until each cache fits its cap (or "
                    + "--max-size), and partial files of runs that died.")
    static final class Prune implements Callable<Integer> {
        @Option(names = "--max-size", paramLabel = "SIZE",
                description = "Keep at most this much in each cache (e.g. 1G).")
        String maxSize;

        @Option(names = "--all", description = "Empty the cache.")
        boolean all;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (all && maxSize != null) {
                throw new UserInputException("--all and --max-size exclude each other");
            }
            BlobCache cache = cacheForCommands();
            long limit;
            try {
                limit = all ? 0 : maxSize != null ? Bytes.parse(maxSize) : cache.maxBytes();
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--max-size: " + e.getMessage());
            }
            BlobCache.Usage before = cache.usage();
            BlobCache.Usage after = cache.prune(limit);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("removed %d blobs (%s); %d blobs (%s) left in %s%n", before.blobs() - after.blobs(),
                    Bytes.human(before.bytes() - after.bytes()), after.blobs(), Bytes.human(after.bytes()), cache.dir());
            io.plimsoll.image.walk.LayerCache layers = LayerCacheOption.forCommands();
            io.plimsoll.image.walk.LayerCache.Usage lb = layers.usage();
            io.plimsoll.image.walk.LayerCache.Usage la = layers.prune(all ? 0 : maxSize != null ? limit
                    : layers.maxBytes());
            out.printf("removed %d layers and %d catalogs (%s); %d layers and %d catalogs (%s) left "
                    + "in %s%n", lb.entries() - la.entries(), lb.images() - la.images(),
                    Bytes.human(lb.bytes() - la.bytes()), la.entries(), la.images(), Bytes.human(la.bytes()),
                    layers.dir());
            out.flush();
            return Main.OK;
        }
    }
}
