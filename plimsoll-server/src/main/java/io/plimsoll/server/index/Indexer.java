package io.plimsoll.server.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.CatalogException;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.DistroProbe;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReference;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.model.Digest;
import io.plimsoll.server.clair.ClairIndexReports;
import io.plimsoll.server.clair.ClairJson;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.vuln.match.MatchQuery;
import io.plimsoll.vuln.match.MatchRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
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
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Indexes one Clair manifest: fetches the layers the layer index does not know (verified, in parallel, bounded),
 * catalogs the image with the CLI's catalogers while replaying known layers from the index, and stores the
 * manifest's report and packages. A layer read once is never fetched again under the same index state.
 *
 * <p>The fetched layers are laid out as an OCI image layout in a temporary directory, so they are read by the
 * same image code as the CLI's {@code oci:} images; layers the index knows get an empty placeholder blob there,
 * which the walker never opens because it replays them instead.
 */
final class Indexer {

    /** Status and JSON body of an index request (bytes: a stored report is served as stored, not parsed). */
    record Outcome(int status, byte[] body) {
        Outcome(int status, JsonNode report) {
            this(status, ClairJson.bytes(report));
        }
    }

    private final DataSource db;
    private final LayerFetcher fetcher;
    private final ExecutorService fetchPool;
    private final int walkParallelism;
    private final Supplier<DistroProbe> probe;
    private final Supplier<List<Cataloger>> catalogers;
    private final List<MatchRule> rules;
    private final String state;
    private final AtomicInteger fetched = new AtomicInteger();
    private final AtomicInteger uploaded = new AtomicInteger();

    Indexer(DataSource db, LayerFetcher fetcher, ExecutorService fetchPool, int walkParallelism,
            Supplier<DistroProbe> probe, Supplier<List<Cataloger>> catalogers, List<MatchRule> rules) {
        this.db = db;
        this.fetcher = fetcher;
        this.fetchPool = fetchPool;
        this.walkParallelism = walkParallelism;
        this.probe = probe;
        this.catalogers = catalogers;
        this.rules = List.copyOf(rules);
        this.state = IndexState.of(probe.get(), catalogers.get());
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
     * Records an uploaded layer blob into the layer index: streamed to a temporary file while its digest is
     * checked, then walked alone, as a one-layer image, by the same walker, memo and catalogers as an index
     * request (a layer's recording does not depend on the layers under it). Answers 200 when the layer was already
     * known (the body is not read), 201 once recorded.
     */
    int upload(Digest layer, InputStream body) throws IOException {
        PostgresLayerMemo memo = new PostgresLayerMemo(db, state);
        if (!memo.preload(List.of(layer.toString())).isEmpty()) {
            return 200;
        }
        Path dir = Files.createTempDirectory("plimsoll-upload-");
        try {
            Path target = blob(dir, layer);
            Files.createDirectories(target.getParent());
            java.security.MessageDigest hasher = layer.newHasher();
            try (InputStream in = new java.security.DigestInputStream(body, hasher)) {
                Files.copy(in, target);
            }
            Digest actual = new Digest(layer.algorithm(), java.util.HexFormat.of().formatHex(hasher.digest()));
            if (!actual.equals(layer)) {
                throw ApiException.badRequest("the uploaded blob's digest is " + actual + ", not " + layer
                        + " (upload the layer's stored blob, as the manifest lists it)");
            }
            ManifestRequest one = new ManifestRequest(layer, List.of(new ManifestRequest.LayerRef(layer,
                    java.net.URI.create("upload:" + layer), Map.of(), Optional.empty())));
            Path layout = writeLayout(one, Set.of(), dir);
            try (ImageSource source = ImageSources.open(
                    new ImageReference.OciLayout("uploaded layer " + layer, layout, Optional.empty()),
                    ImageOptions.DEFAULT)) {
                new CatalogEngine(probe.get(), catalogers.get())
                        .run(source, new LayerWalker(walkParallelism, ImageLimits.DEFAULT, memo));
            } catch (ImageException | CatalogException e) {
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
        } finally {
            deleteTree(dir);
        }
    }

    Outcome index(ManifestRequest m) throws IOException {
        String digest = m.hash().toString();
        Optional<byte[]> current = currentReport(digest);
        if (current.isPresent()) {
            return new Outcome(200, current.get());
        }
        Optional<Outcome> copied = copyOfSameLayers(m);
        if (copied.isPresent()) {
            return copied.get();
        }
        PostgresLayerMemo memo = new PostgresLayerMemo(db, state);
        Set<String> known = memo.preload(m.layers().stream().map(l -> l.hash().toString()).toList());
        Map<Digest, ManifestRequest.LayerRef> toFetch = new LinkedHashMap<>();
        for (ManifestRequest.LayerRef l : m.layers()) {
            if (!known.contains(l.hash().toString())) {
                toFetch.putIfAbsent(l.hash(), l);
            }
        }
        for (ManifestRequest.LayerRef l : toFetch.values()) {
            try {
                fetcher.check(l.uri());
            } catch (AddressGuard.Refused e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        Path dir = Files.createTempDirectory("plimsoll-index-");
        try {
            Optional<String> fetchError = fetchAll(toFetch, dir);
            if (fetchError.isPresent()) {
                return failed(m, 502, fetchError.get());
            }
            Path layout = writeLayout(m, known, dir);
            Inventory inventory;
            try (ImageSource source = ImageSources.open(
                    new ImageReference.OciLayout("manifest " + digest, layout, Optional.empty()), ImageOptions.DEFAULT)) {
                inventory = new CatalogEngine(probe.get(), catalogers.get())
                        .run(source, new LayerWalker(walkParallelism, ImageLimits.DEFAULT, memo));
            } catch (ImageException | CatalogException e) {
                return failed(m, 422, describe(e, m));
            }
            ObjectNode report = ClairIndexReports.indexReport(digest, inventory.distro(), inventory.packages());
            store(m, report, true, "", Optional.of(StoredInventory.toJson(inventory.distro(), inventory.packages())),
                    insertRows(queries(inventory)));
            return new Outcome(201, report);
        } finally {
            deleteTree(dir);
        }
    }

    /** The stored report when this manifest was indexed successfully under the current state. */
    private Optional<byte[]> currentReport(String digest) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT report::text FROM manifest WHERE digest = ? AND index_state = ? AND success")) {
            ps.setString(1, digest);
            ps.setString(2, state);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1).getBytes(StandardCharsets.UTF_8)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("cannot read manifest " + digest + ": " + e.getMessage(), e));
        }
    }

    /**
     * A new manifest digest over exactly the layers (same order) of a manifest already indexed under this state —
     * another tag, or a manifest list's platform entry re-pushed — has the same inventory: it is copied with its
     * lookup rows instead of replaying and cataloging every layer again (most of a 500-package re-index's time).
     */
    private Optional<Outcome> copyOfSameLayers(ManifestRequest m) {
        if (m.layers().isEmpty()) {
            return Optional.empty();
        }
        String[] layers = m.layers().stream().map(l -> l.hash().toString()).toArray(String[]::new);
        String digest = m.hash().toString();
        try (Connection c = db.getConnection()) {
            String twin;
            try (PreparedStatement ps = c.prepareStatement("SELECT m.digest FROM manifest m"
                    + " WHERE m.index_state = ? AND m.success AND m.inventory IS NOT NULL"
                    + " AND m.digest IN (SELECT manifest FROM manifest_layer WHERE layer = ? AND position = 0)"
                    + " AND ARRAY(SELECT layer FROM manifest_layer l WHERE l.manifest = m.digest ORDER BY position)"
                    + " = ? LIMIT 1")) {
                ps.setString(1, state);
                ps.setString(2, layers[0]);
                ps.setArray(3, c.createArrayOf("text", layers));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    twin = rs.getString(1);
                }
            }
            // the twin's documents are copied inside PostgreSQL (binary jsonb, never parsed or printed on the way)
            // and only the new report comes back, as the response
            c.setAutoCommit(false);
            try {
                lockAndDelete(c, digest);
                byte[] report;
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO manifest (digest, index_state, state,"
                        + " success, err, report, inventory) SELECT ?, index_state, state, success, err,"
                        + " jsonb_set(report, '{manifest_hash}', to_jsonb(?::text)), inventory FROM manifest"
                        + " WHERE digest = ? RETURNING report::text")) {
                    ins.setString(1, digest);
                    ins.setString(2, digest);
                    ins.setString(3, twin);
                    try (ResultSet rs = ins.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return Optional.empty();
                        }
                        report = rs.getString(1).getBytes(StandardCharsets.UTF_8);
                    }
                }
                insertLayers(c, m, digest);
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO manifest_package (manifest, namespace,"
                        + " name, version) SELECT ?, namespace, name, version FROM manifest_package WHERE manifest = ?")) {
                    ins.setString(1, digest);
                    ins.setString(2, twin);
                    ins.executeUpdate();
                }
                c.commit();
                return Optional.of(new Outcome(201, report));
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy the index of a manifest with the layers of " + m.hash()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Downloads every layer in parallel; the first failure (in manifest order) is the error reported. */
    private Optional<String> fetchAll(Map<Digest, ManifestRequest.LayerRef> layers, Path dir) throws IOException {
        List<Future<Optional<String>>> futures = new ArrayList<>();
        for (ManifestRequest.LayerRef l : layers.values()) {
            Path target = blob(dir, l.hash());
            Files.createDirectories(target.getParent());
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
                    if (e.getCause() instanceof AddressGuard.Refused refused) {
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

    private static Path blob(Path dir, Digest d) {
        return dir.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
    }

    /** An OCI image layout listing the manifest's layers; known layers get an empty placeholder blob. */
    private static Path writeLayout(ManifestRequest m, Set<String> known, Path dir) throws IOException {
        for (ManifestRequest.LayerRef l : m.layers()) {
            Path b = blob(dir, l.hash());
            if (known.contains(l.hash().toString()) && !Files.exists(b)) {
                Files.createDirectories(b.getParent());
                Files.write(b, new byte[0]);
            }
        }
        ObjectNode config = Exchange.JSON.createObjectNode();
        config.put("architecture", "amd64").put("os", "linux");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        Digest configDigest = writeBlob(dir, Exchange.JSON.writeValueAsBytes(config));
        ObjectNode manifest = Exchange.JSON.createObjectNode();
        manifest.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", configDigest.toString())
                .put("size", Exchange.JSON.writeValueAsBytes(config).length);
        var layers = manifest.putArray("layers");
        for (ManifestRequest.LayerRef l : m.layers()) {
            layers.addObject().put("mediaType", l.mediaType().orElse("application/vnd.oci.image.layer.v1.tar"))
                    .put("digest", l.hash().toString()).put("size", Files.size(blob(dir, l.hash())));
        }
        byte[] manifestBytes = Exchange.JSON.writeValueAsBytes(manifest);
        Digest manifestDigest = writeBlob(dir, manifestBytes);
        ObjectNode index = Exchange.JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", manifestDigest.toString()).put("size", manifestBytes.length);
        Files.write(dir.resolve("index.json"), Exchange.JSON.writeValueAsBytes(index));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);
        return dir;
    }

    private static Digest writeBlob(Path dir, byte[] bytes) throws IOException {
        Digest d = Digest.sha256Of(bytes);
        Path p = blob(dir, d);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return d;
    }

    /** The image code names layers by position and digest; say which layer of the manifest that was. */
    private static String describe(Exception e, ManifestRequest m) {
        return "cannot index " + m.hash() + ": " + e.getMessage();
    }

    private Outcome failed(ManifestRequest m, int status, String err) {
        ObjectNode report = ClairIndexReports.errorReport(m.hash().toString(), err);
        store(m, report, false, err, Optional.empty(), insertRows(Set.of()));
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

    /** Writes a manifest's {@code manifest_package} rows within the transaction storing it. */
    @FunctionalInterface
    private interface PackageRows {
        void write(Connection tx, String digest) throws SQLException;
    }

    private static PackageRows insertRows(Set<MatchQuery> packages) {
        return (tx, digest) -> {
            try (PreparedStatement ins = tx.prepareStatement(
                    "INSERT INTO manifest_package (manifest, namespace, name, version) VALUES (?, ?, ?, ?)")) {
                for (MatchQuery q : packages) {
                    ins.setString(1, digest);
                    ins.setString(2, q.namespace());
                    ins.setString(3, q.name());
                    ins.setString(4, q.version());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
        };
    }

    private void store(ManifestRequest m, ObjectNode report, boolean success, String err, Optional<String> inventory,
                       PackageRows packages) {
        String digest = m.hash().toString();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                lockAndDelete(c, digest);
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO manifest (digest, index_state, state, "
                        + "success, err, report, inventory) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)")) {
                    ins.setString(1, digest);
                    ins.setString(2, state);
                    ins.setString(3, report.path("state").asText());
                    ins.setBoolean(4, success);
                    ins.setString(5, err);
                    ins.setString(6, ClairJson.text(report));
                    ins.setString(7, inventory.orElse(null));
                    ins.executeUpdate();
                }
                insertLayers(c, m, digest);
                packages.write(c, digest);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the index report of " + digest + ": " + e.getMessage(), e);
        }
    }

    /** Two requests indexing one manifest at once: the second waits, then replaces the first's rows. */
    private static void lockAndDelete(Connection tx, String digest) throws SQLException {
        try (PreparedStatement lock = tx.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "manifest " + digest);
            lock.execute();
        }
        try (PreparedStatement del = tx.prepareStatement("DELETE FROM manifest WHERE digest = ?")) {
            del.setString(1, digest);
            del.executeUpdate();
        }
    }

    private static void insertLayers(Connection tx, ManifestRequest m, String digest) throws SQLException {
        try (PreparedStatement ins = tx.prepareStatement(
                "INSERT INTO manifest_layer (manifest, position, layer) VALUES (?, ?, ?)")) {
            for (int i = 0; i < m.layers().size(); i++) {
                ins.setString(1, digest);
                ins.setInt(2, i);
                ins.setString(3, m.layers().get(i).hash().toString());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // the OS cleans temporary directories eventually
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
