package io.plimsoll.server.analysis;

import io.plimsoll.app.AnalyzerSet;
import io.plimsoll.app.IndexService;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.image.Image;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.net.AddressGuard;
import io.plimsoll.image.registry.DockerConfig;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.model.Digest;
import io.plimsoll.policy.content.ContentScanConfig;
import io.plimsoll.policy.content.ContentScanner;
import io.plimsoll.server.index.IndexAdmission;
import io.plimsoll.server.index.PostgresLayerMemo;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Analyses an image as {@code plimsoll scan registry:REF} catalogs it: the registry image source, and
 * {@link IndexService}'s catalogers with the content scanner (secrets, account files) in one pass over the layers.
 * The content scan always runs because the policy that will read it is chosen at check time, after the analysis.
 *
 * <p>With a layer index, an account's pull walks over a {@link PostgresLayerMemo} under {@link AnalysisLayerState}:
 * a layer that account already analysed is replayed from its recording instead of fetched, so images over one base
 * fetch the base once. Whiteouts still apply across replayed and fetched layers (the walker stacks recorded changes
 * like read ones).
 */
final class RegistryAnalyzer implements Analyzer {

    /**
     * The layer-walk slots an analysis takes: besides the catalog it runs the content scan and keeps the file tree
     * for its document. One analysis of a 357 MB Debian root filesystem ran out of memory at -Xmx256m (an index
     * request of the same layer peaked under 200 MiB there) and passed at -Xmx384m (peak 340 MiB before a GC).
     */
    static final int WALK_SLOTS = 2;

    private final RegistrySettings registry;
    /** The guard for references an API client typed; a requester's own registry gets {@link #vouchedGuard}. */
    private final AddressGuard guard;
    private final int parallelism;
    private final ImageOptions options;
    /** Per account pull settings (registered credentials); absent: every pull uses {@link #registry}. */
    private final java.util.Optional<io.plimsoll.server.registry.RegistryAccess> access;
    /** The {@code layer_index} database; absent: every layer is fetched. */
    private final Optional<DataSource> layerIndex;
    /** What the walk asks of a layer ({@code AnalyzerSet}), part of every account's memo state. */
    private final String analyzers;
    /** The server's slots for layer walks, shared with index requests; absent: walks are not counted. */
    private final Optional<IndexAdmission> slots;

    /**
     * @param registry credentials and insecure hosts; null: anonymous plus {@code ~/.docker/config.json}
     * @param guard    where a pull may connect: the reference comes from an API client, so by default not the
     *                 server's own network (the indexer's {@code allow_private_addresses} decides)
     */
    RegistryAnalyzer(RegistrySettings registry, int parallelism, AddressGuard guard)
            throws io.plimsoll.image.ImageException {
        this(registry, parallelism, guard, null, ImageOptions.DEFAULT.limits());
    }

    /**
     * @param access the accounts' registered registries; null: none (every pull as {@code registry} says)
     * @param limits what reading one image may cost (the server's {@code image.*} settings)
     */
    RegistryAnalyzer(RegistrySettings registry, int parallelism, AddressGuard guard,
                     io.plimsoll.server.registry.RegistryAccess access, io.plimsoll.image.ImageLimits limits)
            throws io.plimsoll.image.ImageException {
        this(registry, parallelism, guard, access, limits, null, null);
    }

    /**
     * @param layerIndex the database of the {@code layer_index} table the accounts' layer recordings are kept in;
     *                   null: none (every layer of every pull is fetched)
     * @param slots      the server's slots for layer walks, shared with index requests ({@link #WALK_SLOTS} of
     *                   them; 16 analyses beside 16 index requests at -Xmx512m ran out of memory 27 times without);
     *                   null: none
     */
    RegistryAnalyzer(RegistrySettings registry, int parallelism, AddressGuard guard,
                     io.plimsoll.server.registry.RegistryAccess access, io.plimsoll.image.ImageLimits limits,
                     DataSource layerIndex, IndexAdmission slots) throws io.plimsoll.image.ImageException {
        this.layerIndex = Optional.ofNullable(layerIndex);
        this.slots = Optional.ofNullable(slots);
        this.analyzers = AnalyzerSet.standard(SystemApiModule.plimsollVersion());
        this.registry = (registry != null ? registry : RegistrySettings.defaults(DockerConfig.fromEnvironment()))
                .withAddressGuard(guard);
        this.guard = guard;
        this.parallelism = parallelism;
        this.options = new ImageOptions(ImageOptions.DEFAULT.platform(), limits);
        this.access = java.util.Optional.ofNullable(access);
    }

    @Override
    public Analysis analyze(String pullReference, Predicate<String> known) throws Exception {
        return analyze(registry, pullReference, known, Optional.empty());
    }

    @Override
    public Analysis analyze(String account, String pullReference, Predicate<String> known, Optional<PullAccess> pull)
            throws Exception {
        if (pull.isPresent() && pull.get().vouched()) {
            return analyze(settingsFor(pull.get()), pullReference, known, Optional.of(account));
        }
        RegistrySettings settings = access.isEmpty() ? registry : access.get().settingsFor(account,
                io.plimsoll.image.registry.RegistryReference.parse(pullReference));
        if (pull.isPresent() && pull.get().plainHttp()) {
            // a push notification said HTTP; the account's credentials and address guard still apply
            java.util.Set<String> insecure = new java.util.HashSet<>(settings.insecure());
            insecure.add(pull.get().host());
            settings = settings.withInsecure(insecure);
        }
        return analyze(settings, pullReference, known, Optional.of(account));
    }

    /** @param account whose layer recordings the walk may replay and adds to; absent: none (every layer fetched) */
    private Analysis analyze(RegistrySettings settings, String pullReference, Predicate<String> known,
                             Optional<String> account) throws Exception {
        ContentScanConfig content = ContentScanConfig.DEFAULT;
        PostgresLayerMemo memo = memo(account, content);
        // asked as the image is chosen and again once it is open: the answer (a query) is kept
        java.util.Map<String, Boolean> analysed = new java.util.concurrent.ConcurrentHashMap<>();
        Predicate<String> alreadyAnalysed = d -> analysed.computeIfAbsent(d, known::test);
        // the pull starts fetching the layers the walk will read together with the config's GET: none for an image
        // already analysed (it is not walked), and not those the account's recordings replay
        ImageOptions pull = options.withLayersKnown((manifest, layers) -> alreadyAnalysed.test(manifest.toString())
                ? layer -> true : memo != null ? memo.knownAmong(layers) : layer -> false);
        try (ImageSource source = ImageSources.open(ImageReferences.parse("registry:" + pullReference),
                pull, settings)) {
            Image image = source.image();
            String digest = image.manifestDigest().map(Digest::toString)
                    .orElseThrow(() -> new IllegalStateException(pullReference + ": the registry gave no manifest digest"));
            Optional<String> config = image.configDigest().map(Digest::toString);
            if (alreadyAnalysed.test(digest)) {
                return new Analysis(digest, config, Optional.empty(), 0, Optional.empty());
            }
            ContentScanner scanner = new ContentScanner(content);
            java.util.concurrent.Callable<Inventory> walk = () -> IndexService.standard().inventory(source,
                    new LayerWalker(parallelism, options.limits(), memo), List.of(scanner));
            Inventory inventory = slots.isPresent() ? slots.get().runQueued(walk, WALK_SLOTS) : walk.call();
            AnalysisDocument doc = new AnalysisDocument(inventory, scanner.findings());
            return new Analysis(digest, config, inventory.distro().map(d -> d.id() + ":" + d.versionId()),
                    inventory.packages().size(), Optional.of(doc));
        }
    }

    @Override
    public void started(io.plimsoll.server.http.JsonLog log) {
        layerIndex.ifPresent(db -> AnalysisLayerState.dropStale(db, analyzers, ContentScanConfig.DEFAULT, log));
    }

    /**
     * The account's recordings; null without an account or index. Which of the image's layers it has is asked in one
     * query as the image is chosen, each recording read when the walk gets to its layer.
     */
    private PostgresLayerMemo memo(Optional<String> account, ContentScanConfig content) {
        if (account.isEmpty() || layerIndex.isEmpty()) {
            return null;
        }
        return new PostgresLayerMemo(layerIndex.get(), AnalysisLayerState.of(analyzers, content, account.get()));
    }

    /**
     * The server's registry settings with the requester's credentials (which win over stored ones), over HTTP when
     * its URL says so, behind {@link #vouchedGuard}: the requester (Harbor, authenticated) vouches for its own
     * registry, often a private one.
     */
    private RegistrySettings settingsFor(PullAccess access) {
        java.util.Set<String> insecure = new java.util.HashSet<>(registry.insecure());
        if (access.plainHttp()) {
            insecure.add(access.host());
        }
        RegistrySettings s = registry.withInsecure(insecure).withAddressGuard(vouchedGuard());
        return access.credentials().map(s::withCredentials).orElse(s);
    }

    /**
     * Where a registry the requester vouches for may be: on a private network or loopback, as Harbor's own registry
     * often is, but not link-local (cloud metadata) or another special block, as for a registered registry (the
     * request names any URL it likes); {@code indexer.allow_private_addresses} lifts that too.
     */
    private AddressGuard vouchedGuard() {
        return guard.allowsPrivate() ? guard : AddressGuard.onPremises();
    }
}
