package io.plimsoll.server.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.app.IndexService;
import io.plimsoll.catalog.CatalogException;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.source.LayerBlobsSource;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Platform;
import io.plimsoll.server.clair.ClairIndexReports;
import io.plimsoll.server.clair.ClairJson;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.vuln.match.MatchQuery;
import io.plimsoll.vuln.match.MatchRule;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Indexes one Clair manifest: fetches the layers the layer index does not know (verified, in parallel, bounded),
 * catalogs the image through {@link IndexService} (the CLI's catalogers) while replaying known layers from the
 * index, and stores the manifest's report and packages. A layer read once is never fetched again under the same
 * index state.
 *
 * <p>The image is read straight from the request's layers ({@link LayerBlobsSource}): fetched blobs from their
 * temporary files; layers the index knows are never opened, because the walker replays them instead.
 */
final class Indexer {

    /** Status and JSON body of an index request (bytes: a stored report is served as stored, not parsed). */
    record Outcome(int status, byte[] body) {
        Outcome(int status, JsonNode report) {
            this(status, ClairJson.bytes(report));
        }
    }

    private final DataSource db;
    private final ManifestRepository manifests;
    private final LayerFetcher fetcher;
    private final ExecutorService fetchPool;
    private final int walkParallelism;
    private final ImageLimits limits;
    private final IndexService catalog;
    private final List<MatchRule> rules;
    private final String state;
    private final AtomicInteger fetched = new AtomicInteger();
    private final AtomicInteger uploaded = new AtomicInteger();
    private final ScratchSpace scratch;

    /** @param limits what reading one image may cost (the server's {@code image.*} settings) */
    Indexer(DataSource db, LayerFetcher fetcher, ExecutorService fetchPool, int walkParallelism, ImageLimits limits,
            IndexService catalog, List<MatchRule> rules, ScratchSpace scratch) {
        this.db = db;
        this.scratch = scratch;
        this.manifests = new ManifestRepository(db);
        this.fetcher = fetcher;
        this.fetchPool = fetchPool;
        this.walkParallelism = walkParallelism;
        this.limits = limits;
        this.catalog = catalog;
        this.rules = List.copyOf(rules);
        this.state = IndexState.of(catalog.probe(), catalog.catalogers());
    }

    String state() {
        return state;
    }

    /** Layers downloaded since start (for metrics and tests). */
    int fetchedLayers() {
        return fetched.get();
    }

    /** Layers recorded from uploads since start (for tests: a second scan of an image uploads nothing). */
    int uploadedLayers() {
        return uploaded.get();
    }

    /** Whether the layer index holds a usable recording of {@code layer} under the current state. */
    boolean knows(Digest layer) {
        return !new PostgresLayerMemo(db, state).preload(List.of(layer.toString())).isEmpty();
    }

    /**
     * Records an uploaded layer blob into the layer index. The body is walked as it arrives, as a one-layer image,
     * by the same walker, memo and catalogers as an index request (a layer's recording does not depend on the
     * layers under it); nothing is written to disk. The reader verifies the digest once the blob ends and the memo
     * keeps the recording only after that, so a blob that is not the layer it claims leaves nothing behind.
     * Answers 200 when the layer was already known (the body is not read), 201 once recorded.
     */
    int upload(Digest layer, InputStream body) throws IOException {
        PostgresLayerMemo memo = new PostgresLayerMemo(db, state);
        if (!memo.preload(List.of(layer.toString())).isEmpty()) {
            return 200;
        }
        MessageDigest hasher = layer.newHasher();
        // not closed by the reader: what it leaves unread is still hashed below
        InputStream hashed = new java.io.FilterInputStream(new DigestInputStream(body, hasher)) {
            @Override
            public void close() {
            }
        };
        AtomicInteger opened = new AtomicInteger();
        ManifestRequest one = new ManifestRequest(layer, List.of(new ManifestRequest.LayerRef(layer,
                URI.create("upload:" + layer), Map.of(), Optional.empty())));
        List<LayerBlobsSource.Blob> blobs = List.of(new LayerBlobsSource.Blob(layer,
                "application/vnd.oci.image.layer.v1.tar", 0, () -> {
                    // the body streams once; the walker reads each layer once
                    if (opened.getAndIncrement() > 0) {
                        throw new IOException("the uploaded body of " + layer + " was already read");
                    }
                    return hashed;
                }));
        try (LayerBlobsSource source = LayerBlobsSource.open("uploaded layer " + layer, one.hash(),
                Platform.LINUX_AMD64, blobs)) {
            catalog.inventory(source, new LayerWalker(walkParallelism, limits, memo));
        } catch (ImageException | CatalogException e) {
            ApiException fromBody = causeOfType(e, ApiException.class);
            if (fromBody != null) {
                throw fromBody; // over the layer cap while it streamed
            }
            // what the reader left unread still decides between "not this layer" (400) and "not readable" (422):
            // hashed, not kept, and bounded by the layer cap like the rest of the body
            try {
                hashed.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException gone) {
                throw ApiException.badRequest("cannot read the uploaded body of " + layer + ": " + gone.getMessage());
            }
            Digest actual = new Digest(layer.algorithm(), HexFormat.of().formatHex(hasher.digest()));
            if (!actual.equals(layer)) {
                throw ApiException.badRequest("the uploaded blob's digest is " + actual + ", not " + layer
                        + " (upload the layer's stored blob, as the manifest lists it)");
            }
            throw new ApiException(422, "unprocessable", "cannot read uploaded layer " + layer + ": "
                    + e.getMessage());
        }
        if (memo.rememberedCount() == 0) {
            // over the memo's budget, or the row could not be written: an index request naming this layer
            // would have to fetch it, so saying "known" would be a lie
            throw new ApiException(422, "unprocessable", "layer " + layer + " was read but could not be kept in "
                    + "the layer index (its wanted files exceed the recording budget, or the database refused "
                    + "the row); give the index request a layer URI the server can fetch instead");
        }
        uploaded.incrementAndGet();
        return 201;
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    Outcome index(ManifestRequest m) throws IOException {
        String digest = m.hash().toString();
        Optional<byte[]> current = manifests.currentReport(digest, state);
        if (current.isPresent()) {
            return new Outcome(200, current.get());
        }
        // a new manifest digest over exactly the layers of one already indexed under this state (another tag, or a
        // manifest list's platform entry re-pushed) has the same inventory: copied instead of replaying and
        // cataloging every layer again (most of a 500-package re-index's time)
        Optional<byte[]> copied = manifests.copyOfSameLayers(digest, layerDigests(m), state);
        if (copied.isPresent()) {
            return new Outcome(201, copied.get());
        }
        PostgresLayerMemo memo = new PostgresLayerMemo(db, state);
        Set<String> known = memo.preload(layerDigests(m));
        Map<Digest, ManifestRequest.LayerRef> toFetch = new LinkedHashMap<>();
        for (ManifestRequest.LayerRef l : m.layers()) {
            if (!known.contains(l.hash().toString())) {
                toFetch.putIfAbsent(l.hash(), l);
            }
        }
        for (ManifestRequest.LayerRef l : toFetch.values()) {
            try {
                fetcher.check(l.uri());
            } catch (io.plimsoll.image.net.AddressRefusedException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        Path dir = scratch.newDirectory("index");
        try {
            Optional<String> fetchError = fetchAll(toFetch, dir);
            if (fetchError.isPresent()) {
                return failed(m, 502, fetchError.get());
            }
            Inventory inventory;
            try (LayerBlobsSource source = source("manifest " + digest, m, known, dir)) {
                inventory = catalog.inventory(source, new LayerWalker(walkParallelism, limits, memo));
            } catch (ImageException | CatalogException e) {
                return failed(m, 422, "cannot index " + m.hash() + ": " + e.getMessage());
            }
            ObjectNode report = ClairIndexReports.indexReport(digest, inventory.distro(), inventory.packages());
            manifests.store(digest, layerDigests(m), state, new ManifestRepository.Stored(
                    report.path("state").asText(), true, "", ClairJson.text(report),
                    Optional.of(StoredInventory.toJson(inventory.distro(), inventory.packages())), queries(inventory)));
            return new Outcome(201, report);
        } finally {
            deleteTree(dir);
        }
    }

    private static List<String> layerDigests(ManifestRequest m) {
        return m.layers().stream().map(l -> l.hash().toString()).toList();
    }

    /** Downloads every layer in parallel; the first failure (in manifest order) is the error reported. */
    private Optional<String> fetchAll(Map<Digest, ManifestRequest.LayerRef> layers, Path dir) {
        List<Future<Optional<String>>> futures = new ArrayList<>();
        for (ManifestRequest.LayerRef l : layers.values()) {
            Path target = blob(dir, l.hash());
            futures.add(fetchPool.submit(() -> {
                try {
                    fetcher.fetch(l.hash(), l.uri(), l.headers(), target);
                    fetched.incrementAndGet();
                    return Optional.empty();
                } catch (LayerFetcher.FetchException e) {
                    return Optional.of(e.getMessage());
                }
            }));
        }
        Optional<String> error = Optional.empty();
        try {
            for (Future<Optional<String>> f : futures) {
                Optional<String> r;
                try {
                    r = f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof io.plimsoll.image.net.AddressRefusedException refused) {
                        throw ApiException.badRequest(refused.getMessage());
                    }
                    r = Optional.of("layer fetch failed: " + e.getCause());
                }
                if (error.isEmpty() && r.isPresent()) {
                    error = r;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while fetching layers");
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
        return error;
    }

    /** Where a layer's blob is kept while the request runs: one file per digest. */
    private static Path blob(Path dir, Digest d) {
        return dir.resolve(d.algorithm() + "-" + d.hex());
    }

    /**
     * The request's layers as an image: fetched ones read from their files, known ones never opened (the walker
     * replays them from the layer index; opening one would be a bug, and says so). A layer without a media type
     * is taken for a tar, whose compression the reader detects. Clair's manifest names no platform: read as
     * linux/amd64.
     */
    private static LayerBlobsSource source(String name, ManifestRequest m, Set<String> known, Path dir)
            throws ImageException {
        List<LayerBlobsSource.Blob> blobs = new ArrayList<>();
        for (ManifestRequest.LayerRef l : m.layers()) {
            Path file = blob(dir, l.hash());
            boolean replayed = known.contains(l.hash().toString());
            long size;
            try {
                size = replayed ? 0 : Files.size(file);
            } catch (IOException e) {
                throw new ImageException(name, "layer " + l.hash() + " was fetched but its file is gone: " + e);
            }
            blobs.add(new LayerBlobsSource.Blob(l.hash(), l.mediaType().orElse("application/vnd.oci.image.layer.v1.tar"),
                    size, replayed ? () -> {
                        throw new IOException("layer " + l.hash() + " is in the layer index and was not fetched");
                    } : () -> Files.newInputStream(file)));
        }
        return LayerBlobsSource.open(name, m.hash(), Platform.LINUX_AMD64, blobs);
    }

    private Outcome failed(ManifestRequest m, int status, String err) {
        ObjectNode report = ClairIndexReports.errorReport(m.hash().toString(), err);
        manifests.store(m.hash().toString(), layerDigests(m), state, new ManifestRepository.Stored(
                report.path("state").asText(), false, err, ClairJson.text(report), Optional.empty(), Set.of()));
        return new Outcome(status, report);
    }

    /** The (namespace, name, version) rows each package is looked up by, from the match rules. */
    private Set<MatchQuery> queries(Inventory inventory) {
        Set<MatchQuery> out = new LinkedHashSet<>();
        for (Package p : inventory.packages()) {
            for (MatchRule r : rules) {
                out.addAll(r.queries(p, inventory.distro()));
            }
        }
        return out;
    }

    private static void deleteTree(Path dir) {
        ScratchSpace.deleteTree(dir);
    }
}
