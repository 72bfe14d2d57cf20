package io.plimsoll.image.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.Image;
import io.plimsoll.image.ImageConfig;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.Layer;
import io.plimsoll.image.SourceKind;
import io.plimsoll.image.layer.LayerReader;
import io.plimsoll.image.layer.MediaTypes;
import io.plimsoll.image.layer.TarLayerReader;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An OCI image layout, as a directory or packed in a tar: {@code index.json} → (image index →) manifest →
 * config and layers, all under {@code blobs/ALG/HEX}. Docker 25+ {@code docker save} output is one too.
 */
public final class OciLayoutSource implements ImageSource {

    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String CONTAINERD_NAME = "io.containerd.image.name";

    private final ArchiveFiles files;
    private final Image image;

    private OciLayoutSource(ArchiveFiles files, Image image) {
        this.files = files;
        this.image = image;
    }

    static OciLayoutSource open(ArchiveFiles files, SourceKind kind, String name, Optional<String> tag,
                                ImageOptions options) throws ImageException {
        ImageLimits limits = options.limits();
        JsonNode index = JsonFiles.read(files, "index.json", limits, Optional.empty()).node();
        IndexGraph graph = new IndexGraph(files, options.limits());
        graph.collect(index, files.describe("index.json"), Optional.empty(), 0);
        List<Candidate> candidates = List.copyOf(graph.candidates);
        candidates = byTag(candidates, tag, files.describe("index.json"));
        Candidate chosen = choose(candidates, options.platform(), files.describe("index.json"));

        String manifestPath = blobPath(chosen.digest);
        JsonNode manifest = JsonFiles.read(files, manifestPath, limits, Optional.of(chosen.digest)).node();
        String manifestSubject = files.describe(manifestPath);
        checkManifest(manifest, chosen.mediaType, manifestSubject);

        JsonNode configDesc = manifest.path("config");
        Digest configDigest = JsonFiles.digest(configDesc, "digest", manifestSubject + " (config)");
        String configType = JsonFiles.text(configDesc, "mediaType");
        if (!configType.isEmpty() && !MediaTypes.isConfig(configType)) {
            throw new ImageException(manifestSubject, "not a container image: its config has media type '"
                    + configType + "' (an artifact such as a Helm chart or signature)");
        }
        String configPath = blobPath(configDigest);
        ImageConfig config = ConfigParser.parse(
                JsonFiles.read(files, configPath, limits, Optional.of(configDigest)).node(), files.describe(configPath));

        List<Layers.Blob> blobs = new ArrayList<>();
        JsonNode layers = manifest.path("layers");
        if (!layers.isArray()) {
            throw new ImageException(manifestSubject, "has no 'layers' list");
        }
        Layers.checkCount(layers.size(), options.limits(), manifestSubject);
        int i = 0;
        for (JsonNode l : layers) {
            String subject = manifestSubject + " (layer " + i++ + ")";
            String mediaType = JsonFiles.text(l, "mediaType");
            if (!MediaTypes.isLayer(mediaType)) {
                throw new ImageException(subject, "not a container image layer: media type '" + mediaType + "'");
            }
            Digest digest = JsonFiles.digest(l, "digest", subject);
            if (files.size(blobPath(digest)).isEmpty()) {
                throw new ImageException(files.describe(blobPath(digest)), MediaTypes.isForeign(mediaType)
                        ? "a non-distributable (foreign) layer that the archive does not include"
                        : "missing: the manifest lists this layer but the archive does not contain it");
            }
            blobs.add(new Layers.Blob(Optional.of(digest), mediaType, l.path("size").asLong(-1)));
        }
        List<String> warnings = new ArrayList<>();
        List<Layer> described = Layers.describe(blobs, config, warnings);
        Platform platform = config.os().isEmpty() ? chosen.platform.orElse(new Platform("unknown", "unknown", ""))
                : new Platform(config.os(), config.architecture(), config.variant());
        Image image = new Image(name, kind, Optional.of(chosen.digest), Optional.of(configDigest), platform,
                chosen.names, config, described, warnings, annotations(manifest.path("annotations")));
        return new OciLayoutSource(files, image);
    }

    @Override
    public Image image() {
        return image;
    }

    @Override
    public LayerReader reader(Layer layer) {
        String path = blobPath(layer.digest().orElseThrow());
        return new TarLayerReader(files.name() + ": " + layer.label(), () -> files.open(path), layer.digest(), false);
    }

    @Override
    public void close() throws IOException {
        files.close();
    }

    static String blobPath(Digest d) {
        return "blobs/" + d.algorithm() + "/" + d.hex();
    }

    /** An image manifest reachable from index.json, with what its descriptors say about it. */
    private record Candidate(Digest digest, String mediaType, Optional<Platform> platform, List<String> names) {

        // equals and hashCode written out: a record's generated ones bootstrap method handles on first use, on a cold run's critical path
        // (docs/performance.md, "Records on the cold path")
        @Override
        public boolean equals(Object o) {
            return o instanceof Candidate c && digest.equals(c.digest) && mediaType.equals(c.mediaType)
                    && platform.equals(c.platform) && names.equals(c.names);
        }

        @Override
        public int hashCode() {
            return Objects.hash(digest, mediaType, platform, names);
        }
    }

    /**
     * Walks index.json and the indexes it refers to, collecting the image manifests they reach. Indexes form a graph,
     * not a tree: five tiny indexes that each list the next 60 times reach 60^5 paths. So an index is read once per
     * name it is reached under, a manifest reached again the same way is not listed twice, and the descriptors read
     * over the whole graph are bounded.
     */
    private static final class IndexGraph {
        private final ArchiveFiles files;
        private final ImageLimits limits;
        private final Set<String> visited = new HashSet<>();
        private final Set<Candidate> candidates = new LinkedHashSet<>();
        private int descriptors;

        IndexGraph(ArchiveFiles files, ImageLimits limits) {
            this.files = files;
            this.limits = limits;
        }

        void collect(JsonNode index, String subject, Optional<String> inheritedName, int depth) throws ImageException {
            if (depth > limits.maxIndexDepth()) {
                throw new ImageException(subject, "image indexes nested more than " + limits.maxIndexDepth() + " deep");
            }
            JsonNode manifests = index.path("manifests");
            if (!manifests.isArray()) {
                throw new ImageException(subject, "not an OCI image index (no 'manifests' list)");
            }
            for (JsonNode d : manifests) {
                if (++descriptors > limits.maxDescriptors()) {
                    throw new ImageException(subject, "the image's indexes list more than " + limits.maxDescriptors()
                            + " descriptors: refusing the image");
                }
                String mediaType = JsonFiles.text(d, "mediaType");
                Digest digest = JsonFiles.digest(d, "digest", subject);
                JsonNode annotations = d.path("annotations");
                if ("attestation-manifest".equals(annotations.path("vnd.docker.reference.type").asText())) {
                    continue; // BuildKit provenance/SBOM attestations are not runnable images
                }
                Optional<String> name = firstNonEmpty(annotations.path(CONTAINERD_NAME).asText(""),
                        annotations.path(REF_NAME).asText("")).or(() -> inheritedName);
                if (MediaTypes.isIndex(mediaType)) {
                    if (!visited.add(digest + "\u0000" + name.orElse(""))) {
                        continue; // what it lists under this name is collected already
                    }
                    String path = blobPath(digest);
                    JsonNode child = JsonFiles.read(files, path, limits, Optional.of(digest)).node();
                    collect(child, files.describe(path), name, depth + 1);
                } else if (MediaTypes.isSchema1(mediaType)) {
                    throw new ImageException(subject, "holds a Docker schema 1 manifest, which is not supported: "
                            + "re-push or re-save the image with a current Docker");
                } else if (MediaTypes.isManifest(mediaType) || mediaType.isEmpty()) {
                    Optional<Platform> platform = platform(d.path("platform"));
                    if (platform.isPresent() && platform.get().os().equals("unknown")) {
                        continue;
                    }
                    List<String> names = new ArrayList<>();
                    name.ifPresent(names::add);
                    addRefName(annotations.path(REF_NAME).asText(""), names);
                    candidates.add(new Candidate(digest, mediaType, platform, List.copyOf(new LinkedHashSet<>(names))));
                }
            }
        }
    }

    private static void addRefName(String ref, List<String> names) {
        if (!ref.isEmpty() && !names.contains(ref)) {
            names.add(ref);
        }
    }

    private static Optional<String> firstNonEmpty(String a, String b) {
        return !a.isEmpty() ? Optional.of(a) : !b.isEmpty() ? Optional.of(b) : Optional.empty();
    }

    private static Optional<Platform> platform(JsonNode p) {
        String os = JsonFiles.text(p, "os");
        String arch = JsonFiles.text(p, "architecture");
        return os.isEmpty() || arch.isEmpty() ? Optional.empty()
                : Optional.of(new Platform(os, arch, JsonFiles.text(p, "variant")));
    }

    /** Keeps the manifests named by the tag ({@code oci:dir:TAG}); a full name or its tag part both match. */
    private static List<Candidate> byTag(List<Candidate> candidates, Optional<String> tag, String subject)
            throws ImageException {
        if (tag.isEmpty()) {
            Set<String> names = candidates.stream().flatMap(c -> c.names.stream().limit(1)).collect(Collectors.toCollection(LinkedHashSet::new));
            Set<Digest> images = candidates.stream().map(Candidate::digest).collect(Collectors.toSet());
            boolean allNamed = candidates.stream().allMatch(c -> !c.names.isEmpty());
            if (names.size() > 1 && allNamed && images.size() > 1) {
                throw new ImageException(subject, "holds " + names.size() + " images (" + String.join(", ", names)
                        + "); name one, e.g. oci:DIR:" + names.iterator().next());
            }
            return candidates;
        }
        String t = tag.get();
        List<Candidate> kept = candidates.stream()
                .filter(c -> c.names.stream().anyMatch(n -> n.equals(t) || n.endsWith(":" + t)
                        || (t.startsWith("@") && c.digest.toString().equals(t.substring(1)))))
                .toList();
        if (kept.isEmpty()) {
            String available = candidates.stream().flatMap(c -> c.names.stream()).distinct()
                    .collect(Collectors.joining(", "));
            throw new ImageException(subject, "no image named '" + t + "'" + (available.isEmpty()
                    ? " (its images carry no names)" : " (available: " + available + ")"));
        }
        return kept;
    }

    private static Candidate choose(List<Candidate> candidates, Optional<Platform> wanted, String subject)
            throws ImageException {
        if (candidates.isEmpty()) {
            throw new ImageException(subject, "lists no image manifests");
        }
        String available = candidates.stream().map(c -> c.platform.map(Platform::toString).orElse("unspecified"))
                .distinct().collect(Collectors.joining(", "));
        if (wanted.isPresent()) {
            return candidates.stream().filter(c -> c.platform.isPresent() && c.platform.get().matches(wanted.get()))
                    .findFirst()
                    .or(() -> candidates.size() == 1 && candidates.get(0).platform.isEmpty()
                            ? Optional.of(candidates.get(0)) : Optional.empty())
                    .orElseThrow(() -> new ImageException(subject, "no image for platform " + wanted.get()
                            + " (available: " + available + ")"));
        }
        if (candidates.stream().map(Candidate::digest).distinct().count() == 1) {
            return candidates.get(0);
        }
        return candidates.stream().filter(c -> c.platform.isPresent() && c.platform.get().matches(Platform.LINUX_AMD64))
                .findFirst()
                .orElseThrow(() -> new ImageException(subject, "holds images for several platforms (" + available
                        + "); choose one with --platform"));
    }

    /** The manifest's string annotations; anything else there is not ours to interpret. */
    private static java.util.Map<String, String> annotations(JsonNode node) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    private static void checkManifest(JsonNode manifest, String descriptorType, String subject) throws ImageException {
        String mediaType = JsonFiles.text(manifest, "mediaType");
        if (mediaType.isEmpty()) {
            mediaType = descriptorType;
        }
        if (MediaTypes.isSchema1(mediaType) || manifest.path("schemaVersion").asInt() == 1) {
            throw new ImageException(subject, "is a Docker schema 1 manifest, which is not supported: "
                    + "re-push or re-save the image with a current Docker");
        }
        if (MediaTypes.isIndex(mediaType)) {
            throw new ImageException(subject, "is an image index where an image manifest was expected");
        }
        if (!manifest.path("config").isObject()) {
            throw new ImageException(subject, "is not an image manifest (no 'config')");
        }
    }
}
