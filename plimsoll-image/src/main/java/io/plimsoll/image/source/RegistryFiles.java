package io.plimsoll.image.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.layer.MediaTypes;
import io.plimsoll.image.registry.RegistryClient;
import io.plimsoll.image.registry.RegistryReference;
import io.plimsoll.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A repository in a registry seen as an OCI layout, so that {@link OciLayoutSource} picks the platform, checks
 * manifests and verifies digests exactly as it does for files: {@code index.json} is the manifest the tag points
 * at (wrapped in a one-entry index when it is an image manifest), {@code blobs/ALG/HEX} are manifests (fetched
 * from the manifests endpoint when an index lists them) or blobs (streamed from the blobs endpoint).
 */
final class RegistryFiles implements ArchiveFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RegistryClient client;
    private final RegistryReference ref;
    private final String name;
    private final byte[] index;
    /** Manifests fetched so far, by digest; they are small and read twice (size, then content). */
    private final Map<Digest, byte[]> manifests = new ConcurrentHashMap<>();
    /** Digests an index lists as manifests, which live behind /manifests/ rather than /blobs/. */
    private final Set<Digest> manifestDigests = ConcurrentHashMap.newKeySet();
    /**
     * Blob sizes an image manifest states for its config and layers: asking the registry (a HEAD per blob) would
     * cost a round trip each, and a wrong size is caught anyway by the digest check while the blob streams.
     */
    private final Map<Digest, Long> declaredSizes = new ConcurrentHashMap<>();
    private final BlobReadAhead readAhead;
    /** An image manifest and its layers, by its config's digest: fetching that config means the manifest was chosen. */
    private final Map<Digest, Chosen> layersByConfig = new ConcurrentHashMap<>();
    private final Optional<io.plimsoll.image.ImageOptions.LayersKnown> layersKnown;
    private final io.plimsoll.image.ImageLimits limits;

    RegistryFiles(RegistryClient client, RegistryReference ref, String name, io.plimsoll.image.ImageOptions options)
            throws ImageException {
        this.client = client;
        this.ref = ref;
        this.name = name;
        this.layersKnown = options.layersKnown();
        this.limits = options.limits();
        this.readAhead = new BlobReadAhead(d -> named(() -> client.blob(ref, d, declaredSizes.getOrDefault(d, -1L))),
                d -> client.blobCache().flatMap(c -> c.size(d)).isPresent());
        RegistryClient.Manifest top = named(() -> client.manifest(ref, ref.manifestReference()));
        JsonNode node = JsonFiles.parse(top.body(), name + " (manifest)", limits);
        String mediaType = top.mediaType().isEmpty() ? node.path("mediaType").asText("") : top.mediaType();
        if (MediaTypes.isIndex(mediaType) || (mediaType.isEmpty() && node.has("manifests"))) {
            index = top.body();
            noteChildren(node);
        } else {
            manifests.put(top.digest(), top.body());
            noteBlobSizes(top.digest(), node);
            ObjectNode wrapper = MAPPER.createObjectNode();
            wrapper.put("schemaVersion", 2);
            wrapper.put("mediaType", MediaTypes.OCI_INDEX);
            ObjectNode d = wrapper.putArray("manifests").addObject();
            d.put("mediaType", mediaType.isEmpty() ? MediaTypes.OCI_MANIFEST : mediaType);
            d.put("digest", top.digest().toString());
            d.put("size", top.body().length);
            index = wrapper.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private record Chosen(Digest manifest, java.util.List<Digest> layers) {
    }

    private void noteBlobSizes(Digest manifestDigest, JsonNode manifest) {
        java.util.List<JsonNode> descriptors = new java.util.ArrayList<>();
        descriptors.add(manifest.path("config"));
        manifest.path("layers").forEach(descriptors::add);
        for (JsonNode d : descriptors) {
            String digest = d.path("digest").asText("");
            if (Digest.isValid(digest) && d.path("size").canConvertToLong() && d.path("size").asLong() >= 0) {
                declaredSizes.put(Digest.parse(digest), d.path("size").asLong());
            }
        }
        java.util.List<Digest> layers = new java.util.ArrayList<>();
        manifest.path("layers").forEach(l -> {
            if (Digest.isValid(l.path("digest").asText(""))) {
                layers.add(Digest.parse(l.path("digest").asText()));
            }
        });
        readAhead.layers(layers);
        String config = manifest.path("config").path("digest").asText("");
        if (Digest.isValid(config)) {
            layersByConfig.put(Digest.parse(config), new Chosen(manifestDigest, java.util.List.copyOf(layers)));
        }
    }

    private void noteChildren(JsonNode index) {
        for (JsonNode d : index.path("manifests")) {
            String digest = d.path("digest").asText("");
            if (Digest.isValid(digest)) {
                manifestDigests.add(Digest.parse(digest));
            }
        }
    }

    @Override
    public OptionalLong size(String path) {
        try {
            if (path.equals("index.json")) {
                return OptionalLong.of(index.length);
            }
            Optional<Digest> d = digestOf(path);
            if (d.isEmpty()) {
                return OptionalLong.empty();
            }
            if (manifests.containsKey(d.get()) || manifestDigests.contains(d.get())) {
                return OptionalLong.of(manifest(d.get()).length);
            }
            Long declared = declaredSizes.get(d.get());
            if (declared != null) {
                return OptionalLong.of(declared);
            }
            Optional<Long> cached = client.blobCache().flatMap(c -> c.size(d.get()));
            if (cached.isPresent()) {
                return OptionalLong.of(cached.get());
            }
            return named(() -> client.blobSize(ref, d.get())).map(OptionalLong::of).orElse(OptionalLong.empty());
        } catch (ImageException e) {
            // the interface has no checked exception here; open() unwraps it again
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(String path) throws IOException {
        if (path.equals("index.json")) {
            return new ByteArrayInputStream(index);
        }
        Digest d = digestOf(path).orElseThrow(() -> new ImageException(describe(path), "not a blob path"));
        if (manifests.containsKey(d) || manifestDigests.contains(d)) {
            return new ByteArrayInputStream(manifest(d));
        }
        Chosen chosen = layersByConfig.remove(d);
        if (chosen != null && layersKnown.isPresent()) {
            // the image is chosen (its config is what is read next): its first layers' GETs overlap the config's
            readAhead.startEarly(chosen.layers(), layersKnown.get().among(chosen.manifest(), chosen.layers()));
        }
        return readAhead.open(d);
    }

    private byte[] manifest(Digest d) throws ImageException {
        byte[] cached = manifests.get(d);
        if (cached != null) {
            return cached;
        }
        RegistryClient.Manifest m = named(() -> client.manifest(ref, d.toString()));
        JsonNode parsed = JsonFiles.parse(m.body(), describe("blobs/" + d.algorithm() + "/" + d.hex()), limits);
        if (MediaTypes.isIndex(m.mediaType())) {
            noteChildren(parsed);
        } else {
            noteBlobSizes(d, parsed);
        }
        manifests.put(d, m.body());
        return m.body();
    }

    private interface Call<T> {
        T run() throws ImageException;
    }

    /**
     * Runs a registry call, its errors naming the reference as the user wrote it ({@code docker://alpine:3.19})
     * and, when it differs, the canonical name the client used ({@code docker.io/library/alpine:3.19}).
     */
    private <T> T named(Call<T> call) throws ImageException {
        try {
            return call.run();
        } catch (ImageException e) {
            if (e.subject().equals(name)) {
                throw e;
            }
            String canonical = ref.toString();
            String prefix = e.subject().equals(canonical) && !name.endsWith(canonical) ? "(" + canonical + ") " : "";
            throw new ImageException(name, prefix + e.reason(), e.getCause() == null ? e : e.getCause());
        }
    }

    private static Optional<Digest> digestOf(String path) {
        String[] parts = path.split("/");
        if (parts.length != 3 || !parts[0].equals("blobs") || !Digest.isValid(parts[1] + ":" + parts[2])) {
            return Optional.empty();
        }
        return Optional.of(Digest.parse(parts[1] + ":" + parts[2]));
    }

    @Override
    public String describe(String path) {
        Optional<Digest> d = digestOf(path);
        return name + (d.isPresent() ? " (" + d.get() + ")" : path.equals("index.json") ? "" : " " + path);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        readAhead.close();
        manifests.clear();
    }
}
