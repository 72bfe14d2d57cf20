package io.plimsoll.cli;

import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.layer.Bytes;
import io.plimsoll.model.Platform;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that reads an image shares. */
final class ImageArguments {

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Platform to pick from a multi-platform image (default: linux/amd64, or the only one).")
    String platform;

    @Option(names = "--max-expanded-size", paramLabel = "SIZE",
            description = "Stop when the image's layers expand to more than this (default: ${DEFAULT-VALUE}).",
            defaultValue = "256G")
    String maxExpanded;

    @Option(names = "--max-file-size", paramLabel = "SIZE",
            description = "Refuse layers holding a file bigger than this (default: ${DEFAULT-VALUE}).",
            defaultValue = "64G")
    String maxFile;

    @Option(names = "--max-entries", paramLabel = "N",
            description = "Refuse images with more archive entries than this (default: one per 640 bytes of the "
                    + "JVM's maximum heap, at least 400,000, at most 10,000,000; here ${sys:plimsoll.maxEntries}).")
    Long maxEntries;

    @Option(names = "--max-document-size", paramLabel = "SIZE",
            description = "Refuse (with a warning) a JSON, YAML or TOML package file read as a tree bigger than this "
                    + "(default: ${DEFAULT-VALUE}).", defaultValue = "24M")
    String maxDocument;

    @Option(names = "--max-string-length", paramLabel = "SIZE",
            description = "Refuse (with a warning) a JSON, YAML or TOML package file with a string longer than this "
                    + "(default: ${DEFAULT-VALUE}).", defaultValue = "8M")
    String maxString;

    @Option(names = "--max-packages-per-file", paramLabel = "N",
            description = "List at most this many packages from one package file (default: ${DEFAULT-VALUE}).",
            defaultValue = "100000")
    int maxPackagesPerFile;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Layers read at once (default: number of CPUs, at most 4).")
    Integer parallel;

    ImageOptions options() {
        ImageLimits limits;
        try {
            limits = ImageLimits.DEFAULT.withMaxExpandedBytes(Bytes.parse(maxExpanded))
                    .withMaxEntryBytes(Bytes.parse(maxFile))
                    .withMaxEntries(maxEntries == null ? ImageLimits.DEFAULT_MAX_ENTRIES : maxEntries);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        // the catalogers read with one set of limits per process: this command's
        io.plimsoll.ecosystem.CatalogLimits.use(catalogLimits());
        Optional<Platform> p;
        try {
            p = platform == null ? Optional.empty() : Optional.of(Platform.parse(platform));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        return new ImageOptions(p, limits);
    }

    io.plimsoll.ecosystem.CatalogLimits catalogLimits() {
        try {
            long document = Bytes.parse(maxDocument);
            long string = Bytes.parse(maxString);
            if (string > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--max-string-length: at most 2G");
            }
            return io.plimsoll.ecosystem.CatalogLimits.DEFAULT.withMaxDocumentBytes(document)
                    .withMaxStringChars((int) string).withMaxPackagesPerFile(maxPackagesPerFile);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** What a command does with an opened image. */
    @FunctionalInterface
    interface ImageJob<T> {
        T run(io.plimsoll.image.source.ImageSource source, io.plimsoll.image.walk.LayerWalker walker)
                throws java.io.IOException;
    }

    /** Opens {@code reference} with these options, runs the job with a walker set up the same way, closes it. */
    @Option(names = "--username", paramLabel = "USER",
            description = "Registry user name (with --password-stdin); else ~/.docker/config.json or anonymous.")
    String username;

    @Option(names = "--password-stdin", description = "Read the registry password or token from standard input.")
    boolean passwordStdin;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "Allow plain HTTP to this registry (localhost and 127.0.0.1 always are). Repeatable.")
    java.util.List<String> insecureRegistries = new java.util.ArrayList<>();

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "Also trust the CA certificates in this PEM file for registries over HTTPS (besides the "
                    + "system's). Repeatable.")
    java.util.List<java.nio.file.Path> caCerts = new java.util.ArrayList<>();

    @Option(names = "--no-blob-cache",
            description = "Pull every blob from the registry and keep none (default: blobs are cached by digest in "
                    + "the cache directory, up to PLIMSOLL_BLOB_CACHE_MAX, default 4G; see 'plimsoll cache').")
    boolean noBlobCache;

    /** The registry settings the options and the environment ask for; null when the image is not pulled. */
    io.plimsoll.image.registry.RegistrySettings registrySettings(String reference) throws java.io.IOException {
        if (passwordStdin && username == null) {
            throw new UserInputException("--password-stdin needs --username");
        }
        if (username != null && !passwordStdin) {
            throw new UserInputException("--username needs --password-stdin (passwords are never taken as arguments)");
        }
        if (passwordStdin && reference.equals("-")) {
            throw new UserInputException("--password-stdin and '-' both want standard input");
        }
        if (reference.equals("-")
                || !(io.plimsoll.image.ImageReferences.parse(reference) instanceof io.plimsoll.image.ImageReference.Registry)) {
            return null; // nothing is pulled: a broken docker config or CA file must not stop a scan of a file
        }
        io.plimsoll.image.registry.RegistrySettings settings = io.plimsoll.image.registry.RegistrySettings.defaults(
                io.plimsoll.image.registry.DockerConfig.fromEnvironment());
        if (passwordStdin) {
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(stdin.get(),
                    java.nio.charset.StandardCharsets.UTF_8));
            String password = r.readLine();
            if (password == null || password.isEmpty()) {
                throw new UserInputException("--password-stdin: standard input is empty");
            }
            settings = settings.withCredentials(new io.plimsoll.image.registry.Credentials(username, password.strip()));
        }
        if (!insecureRegistries.isEmpty()) {
            settings = settings.withInsecure(java.util.Set.copyOf(insecureRegistries));
        }
        if (!caCerts.isEmpty()) {
            settings = settings.withTls(io.plimsoll.image.registry.CaCertificates.sslContext(caCerts));
        }
        return settings.withBlobCache(noBlobCache ? java.util.Optional.empty() : CacheCommand.blobCache());
    }

    /** Opens the image for a job that may not walk it (its layers are fetched only when the walker asks). */
    <T> T withImage(String reference, ImageJob<T> job) throws java.io.IOException {
        return withImage(reference, options(), java.util.Optional.empty(), job);
    }

    /**
     * As {@link #withImage(String, ImageJob)}, with a walker that replays the layers {@code memo} knows and records
     * the others; the cache is trimmed to its cap afterwards.
     */
    <T> T withImage(String reference, java.util.Optional<io.plimsoll.image.walk.LayerCache.Memo> memo,
                    ImageJob<T> job) throws java.io.IOException {
        // the job walks the image: a pull fetches the layers the walk will read from the moment it has chosen the
        // image, and never those the memo replays
        return withImage(reference, options().withLayersKnown(memo.isPresent() ? memo.get()::knows : layer -> false),
                memo, job);
    }

    private <T> T withImage(String reference, ImageOptions options,
                            java.util.Optional<io.plimsoll.image.walk.LayerCache.Memo> memo, ImageJob<T> job)
            throws java.io.IOException {
        io.plimsoll.image.registry.RegistrySettings registry = registrySettings(reference);
        T result;
        if (reference.equals("-")) {
            result = fromStandardInput(options, memo, job);
        } else {
            try (io.plimsoll.image.source.ImageSource source = io.plimsoll.image.source.ImageSources.open(
                    io.plimsoll.image.ImageReferences.parse(reference), options, registry)) {
                result = job.run(source, walker(options, memo));
            }
        }
        if (memo.isPresent() && memo.get().remembered() > 0) {
            try {
                memo.get().cache().prune();
            } catch (java.io.IOException | RuntimeException e) {
                // an untidy cache costs disk, not this scan's result; 'plimsoll cache prune' says why
            }
        }
        return result;
    }

    private io.plimsoll.image.walk.LayerWalker walker(ImageOptions options,
                                                      java.util.Optional<io.plimsoll.image.walk.LayerCache.Memo> memo) {
        return new io.plimsoll.image.walk.LayerWalker(parallelism(), options.limits(), memo.orElse(null));
    }

    /** Where {@code -} reads from; tests replace it. */
    static java.util.function.Supplier<java.io.InputStream> stdin = () -> System.in;

    /**
     * {@code docker save app | plimsoll scan -}: a docker-archive on standard input. A tar's index (manifest.json)
     * may come after the layers, so the stream is spooled to a temporary file (bounded by --max-expanded-size) and
     * read from there; the file is deleted afterwards.
     */
    private <T> T fromStandardInput(ImageOptions options,
                                    java.util.Optional<io.plimsoll.image.walk.LayerCache.Memo> memo, ImageJob<T> job)
            throws java.io.IOException {
        java.nio.file.Path spool = java.nio.file.Files.createTempFile("plimsoll-stdin-", ".tar");
        try {
            long limit = options.limits().maxExpandedBytes();
            long n = 0;
            try (java.io.InputStream in = stdin.get();
                 java.io.OutputStream out = java.nio.file.Files.newOutputStream(spool)) {
                byte[] buf = new byte[1 << 16];
                int r;
                while ((r = in.read(buf)) >= 0) {
                    n += r;
                    if (n > limit) {
                        throw new UserInputException("-: standard input is larger than --max-expanded-size ("
                                + limit + " bytes)");
                    }
                    out.write(buf, 0, r);
                }
            }
            if (n == 0) {
                throw new UserInputException("-: standard input is empty (pipe an image in: docker save IMAGE | "
                        + "plimsoll scan -)");
            }
            try (io.plimsoll.image.source.ImageSource source = io.plimsoll.image.source.ImageSources.open(
                    io.plimsoll.image.ImageReferences.parse("docker-archive:" + spool), options)) {
                return job.run(source, walker(options, memo));
            }
        } finally {
            java.nio.file.Files.deleteIfExists(spool);
        }
    }

    int parallelism() {
        int n = parallel == null ? Math.min(4, Runtime.getRuntime().availableProcessors()) : parallel;
        if (n < 1) {
            throw new UserInputException("--parallel must be at least 1");
        }
        return n;
    }
}
