package io.plimsoll.server.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.plimsoll.app.IndexService;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.model.Digest;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import io.plimsoll.server.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.DistroProbe;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

/**
 * Clair's indexer API (role INDEXER): index reports, their deletion, the index state, and the internal
 * affected-manifests lookup the notifier uses.
 */
public final class IndexerModule implements ServerModule {

    private static final String BASE = "/indexer/api/v1";

    private final ServerContext ctx;
    private final ManifestRepository manifests;
    private final LayerFetcher fetcher;
    private final ExecutorService fetchPool;
    private final Indexer indexer;
    private final AffectedManifests affected;
    private final Timer indexTimer;
    private final long maxLayerBytes;
    private final IndexAdmission admission;

    public IndexerModule(ServerContext ctx) {
        this(ctx, Ecosystems::distroProbe, Ecosystems::catalogers);
    }

    /** An indexer whose requests and uploads run in {@code admission}'s slots (tests: a known number of them). */
    IndexerModule(ServerContext ctx, IndexAdmission admission) {
        this(ctx, Ecosystems::distroProbe, Ecosystems::catalogers, admission);
    }

    /**
     * An indexer with other catalogers than the CLI's (fresh instances per call: streaming catalogers keep state);
     * the index state follows them, so changing them re-indexes.
     */
    public IndexerModule(ServerContext ctx, Supplier<DistroProbe> probe, Supplier<List<Cataloger>> catalogers) {
        this(ctx, probe, catalogers, ctx.indexing());
    }

    private IndexerModule(ServerContext ctx, Supplier<DistroProbe> probe, Supplier<List<Cataloger>> catalogers,
                          IndexAdmission admission) {
        this.ctx = ctx;
        this.admission = admission;
        ServerConfig.Indexer cfg = ctx.config().indexer();
        DataSource db = ctx.database().dataSource();
        this.manifests = new ManifestRepository(db);
        this.fetcher = new LayerFetcher(new io.plimsoll.image.net.AddressGuard(cfg.allowPrivateAddresses()),
                cfg.fetchTimeout(), cfg.maxLayerBytes());
        this.fetchPool = Executors.newFixedThreadPool(cfg.layerParallelism(), r -> {
            Thread t = new Thread(r, "plimsoll-layer-fetch");
            t.setDaemon(true);
            return t;
        });
        Path scratchDir = ctx.config().dataDir().resolve("scratch");
        ScratchSpace scratch;
        try {
            scratch = new ScratchSpace(scratchDir);
            // what a killed indexer left (a half-written upload of any size) goes now, not never
            scratch.removeLeftovers();
        } catch (IOException e) {
            throw new ConfigException("data_dir: cannot prepare " + scratchDir + " for layer blobs: " + e);
        }
        this.indexer = new Indexer(db, fetcher, fetchPool, cfg.layerParallelism(), cfg.imageLimits(),
                IndexService.with(probe, catalogers), Ecosystems.matchRules(), scratch);
        this.maxLayerBytes = cfg.maxLayerBytes();
        Gauge.builder("plimsoll.index.layers.fetched", indexer, Indexer::fetchedLayers)
                .description("layer blobs downloaded (layers found in the layer index are not)").register(ctx.metrics());
        this.affected = new AffectedManifests(db);
        this.indexTimer = Timer.builder("plimsoll.index.duration").description("indexing one manifest")
                .register(ctx.metrics());
    }

    @Override
    public String name() {
        return "indexer";
    }

    /** The current index state (what {@code GET /index_state} answers). */
    public String indexState() {
        return indexer.state();
    }

    /** Layer blobs downloaded by this module since it started. */
    public int fetchedLayers() {
        return indexer.fetchedLayers();
    }

    @Override
    public void start() {
        // layers recorded under an earlier state (an older build's catalogers) are never read again
        PostgresLayerMemo.dropStaleInBackground(ctx.database().dataSource(), PostgresLayerMemo.INDEXER_STATES, indexer.state(),
                ctx.log(), "indexer");
    }

    @Override
    public void routes(Router router) {
        router.post(BASE + "/index_report", this::index);
        router.delete(BASE + "/index_report", this::deleteMany);
        router.get(BASE + "/index_report/{digest}", this::report);
        router.delete(BASE + "/index_report/{digest}", this::deleteOne);
        router.get(BASE + "/index_state", this::state);
        // Plimsoll's extension for 'plimsoll scan --server': the CI host pushes the layers the server lacks, so
        // the server never has to reach back into it (HEAD answers 200 known / 404 unknown)
        router.get(BASE + "/layer/{digest}", this::layerKnown);
        router.post(BASE + "/layer/{digest}", this::uploadLayer);
        router.post(BASE + "/internal/affected_manifest", ex -> ex.json(200, affected.find(ex.json())));
    }

    private void index(Exchange ex) throws Exception {
        ManifestRequest m = ManifestRequest.parse(ex.json());
        Indexer.Outcome outcome = admitted(ex, () -> indexTimer.recordCallable(() -> indexer.index(m)), null);
        ex.header("Location", BASE + "/index_report/" + m.hash());
        ex.respond(outcome.status(), "application/json", outcome.body());
    }

    /**
     * Runs indexing work (an index request, or an upload's walk, which holds as much) in one of the heap's slots;
     * a 503 when they and the queue are full says when to retry.
     */
    private <T> T admitted(Exchange ex, java.util.concurrent.Callable<T> work, java.time.Duration maxWait)
            throws Exception {
        try {
            return admission.run(work, maxWait);
        } catch (ApiException e) {
            if (e.status() == 503) {
                ex.header("Retry-After", Integer.toString(IndexAdmission.RETRY_AFTER_SECONDS));
            }
            throw e;
        }
    }

    private void layerKnown(Exchange ex) {
        Digest d = ManifestRequest.digest(ex.param("digest"), "digest");
        if (!indexer.knows(d)) {
            throw ApiException.notFound("layer " + d + " is not in the layer index");
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("digest", d.toString()).put("index_state", indexer.state());
        ex.json(200, o);
    }

    /** The raw blob, bounded as it streams by the layer size cap (not the JSON body limit). */
    private void uploadLayer(Exchange ex) throws Exception {
        Digest d = ManifestRequest.digest(ex.param("digest"), "digest");
        InputStream body = ex.rawBody(maxLayerBytes);
        // an upload is walked as it streams, holding a layer's tree and files as an index request does: 16 at once
        // at -Xmx512m ran out of memory, so they share the index requests' slots. Its body waits unread, so it
        // waits for a slot only half the idle timeout (queued longer, the body's read timed out: a 400, not a 503)
        int status = indexer.knows(d) ? 200 : admitted(ex, () -> indexer.upload(d, body),
                ctx.config().idleTimeout().dividedBy(2));
        if (status == 200 && !ex.header("Expect").map(e -> e.equalsIgnoreCase("100-continue")).orElse(false)) {
            // already known, but the client is sending the body anyway: answering before it is read makes Jetty
            // close a socket with unread bytes, and the TCP reset can destroy the answer before the client reads
            // it. A client that asked 100-continue never sends it, so there is nothing to drain.
            body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        ex.header("Location", BASE + "/layer/" + d);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("digest", d.toString()).put("index_state", indexer.state());
        ex.json(status, o);
    }

    /** Layers recorded from uploads since this module started. */
    public int uploadedLayers() {
        return indexer.uploadedLayers();
    }

    private void report(Exchange ex) throws Exception {
        String digest = ManifestRequest.digest(ex.param("digest"), "digest").toString();
        byte[] report = manifests.report(digest)
                .orElseThrow(() -> ApiException.notFound("no index report for manifest " + digest));
        ex.respond(200, "application/json", report);
    }

    private void deleteOne(Exchange ex) throws SQLException {
        Digest d = ManifestRequest.digest(ex.param("digest"), "digest");
        delete(List.of(d.toString()));
        ex.noContent();
    }

    private void deleteMany(Exchange ex) throws SQLException {
        JsonNode body = ex.json();
        if (!body.isArray()) {
            throw ApiException.badRequest("expected an array of manifest digests");
        }
        List<String> digests = new ArrayList<>();
        int i = 0;
        for (JsonNode n : body) {
            digests.add(ManifestRequest.digest(n, "[" + i++ + "]").toString());
        }
        ArrayNode deleted = JsonNodeFactory.instance.arrayNode();
        delete(digests).forEach(deleted::add);
        ex.json(200, deleted);
    }

    /** Deletes manifests (their layers and packages go with them); the layer index stays: layers are shared. */
    private List<String> delete(List<String> digests) throws SQLException {
        return manifests.delete(digests);
    }

    private void state(Exchange ex) {
        String etag = "\"" + indexer.state() + "\"";
        ex.header("ETag", etag);
        if (ex.headerValues("If-None-Match").stream().anyMatch(v -> v.contains(etag) || v.trim().equals("*"))) {
            ex.respond(304, null, new byte[0]);
            return;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("state", indexer.state());
        ex.json(200, o);
    }

    @Override
    public void close() {
        fetchPool.shutdownNow();
        fetcher.close();
    }
}
