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
import io.plimsoll.image.layer.TarLayerReader;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker save} output: {@code manifest.json} lists each image's config and layer files. Older Docker
 * writes {@code ID/layer.tar} (uncompressed, verified against the config's diff ids); Docker 25+ writes
 * {@code blobs/sha256/HEX} (verified against the name).
 */
public final class DockerArchiveSource implements ImageSource {

    private static final Pattern BLOB_PATH = Pattern.compile("(?:.*/)?blobs/(sha256|sha512)/([0-9a-f]+)");
    private static final Pattern LEGACY_CONFIG = Pattern.compile("(?:.*/)?([0-9a-f]{64})\\.json");
    private static final String LEGACY_LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar";

    private final ArchiveFiles files;
    private final Image image;
    private final Map<Integer, String> layerPaths;
    private final Map<Integer, Boolean> verifiedByDiffId;

    private DockerArchiveSource(ArchiveFiles files, Image image, Map<Integer, String> layerPaths,
                                Map<Integer, Boolean> verifiedByDiffId) {
        this.files = files;
        this.image = image;
        this.layerPaths = layerPaths;
        this.verifiedByDiffId = verifiedByDiffId;
    }

    static DockerArchiveSource open(ArchiveFiles files, String name, Optional<String> selector, ImageOptions options)
            throws ImageException {
        ImageLimits limits = options.limits();
        String subject = files.describe("manifest.json");
        JsonNode manifest = JsonFiles.read(files, "manifest.json", limits, Optional.empty()).node();
        if (!manifest.isArray() || manifest.isEmpty()) {
            throw new ImageException(subject, "not a docker save manifest (expected a non-empty JSON list)");
        }
        JsonNode entry = select(manifest, selector, subject);
        List<String> tags = JsonFiles.strings(entry, "RepoTags");

        String configPath = JsonFiles.text(entry, "Config");
        if (configPath.isEmpty()) {
            throw new ImageException(subject, "the image entry has no 'Config'");
        }
        Optional<Digest> configDigest = digestInPath(configPath);
        JsonFiles.Json configJson = JsonFiles.read(files, configPath, limits, configDigest);
        ImageConfig config = ConfigParser.parse(configJson.node(), files.describe(configPath));

        List<String> paths = JsonFiles.strings(entry, "Layers");
        Layers.checkCount(paths.size(), options.limits(), subject);
        List<Layers.Blob> blobs = new ArrayList<>();
        Map<Integer, String> layerPaths = new HashMap<>();
        Map<Integer, Boolean> byDiffId = new HashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            long size = files.size(path).orElseThrow(() -> new ImageException(files.describe(path),
                    "missing: manifest.json lists this layer but the archive does not contain it"));
            Optional<Digest> blobDigest = digestInPath(path);
            Optional<Digest> digest = blobDigest.isPresent() ? blobDigest
                    : i < config.diffIds().size() && config.diffIds().size() == paths.size()
                    ? Optional.of(config.diffIds().get(i)) : Optional.empty();
            blobs.add(new Layers.Blob(digest, LEGACY_LAYER_TYPE, size));
            layerPaths.put(i, path);
            byDiffId.put(i, blobDigest.isEmpty());
        }
        List<String> warnings = new ArrayList<>();
        List<Layer> layers = Layers.describe(blobs, config, warnings);
        Platform platform = new Platform(config.os().isEmpty() ? "unknown" : config.os(),
                config.architecture().isEmpty() ? "unknown" : config.architecture(), config.variant());
        Image image = new Image(name, SourceKind.DOCKER_ARCHIVE, Optional.empty(), Optional.of(configJson.digest()),
                platform, tags, config, layers, warnings);
        return new DockerArchiveSource(files, image, layerPaths, byDiffId);
    }

    /** Picks the image named by {@code :repo:tag} or {@code :@N}; with no selector there must be one image. */
    private static JsonNode select(JsonNode manifest, Optional<String> selector, String subject) throws ImageException {
        List<String> all = new ArrayList<>();
        manifest.forEach(e -> all.add(String.join(",", JsonFiles.strings(e, "RepoTags"))));
        if (selector.isEmpty()) {
            if (manifest.size() > 1) {
                throw new ImageException(subject, "holds " + manifest.size() + " images (" + String.join("; ", all)
                        + "); name one, e.g. docker-archive:FILE:REPO:TAG or docker-archive:FILE:@1");
            }
            return manifest.get(0);
        }
        String s = selector.get();
        if (s.matches("@\\d+")) {
            int n = Integer.parseInt(s.substring(1));
            if (n >= manifest.size()) {
                throw new ImageException(subject, "has " + manifest.size() + " images; there is no @" + n);
            }
            return manifest.get(n);
        }
        for (JsonNode e : manifest) {
            for (String tag : JsonFiles.strings(e, "RepoTags")) {
                if (tag.equals(s) || stripDefaultRegistry(tag).equals(stripDefaultRegistry(s))) {
                    return e;
                }
            }
        }
        throw new ImageException(subject, "no image tagged '" + s + "' (available: " + String.join("; ", all) + ")");
    }

    private static String stripDefaultRegistry(String ref) {
        String r = ref.startsWith("docker.io/") ? ref.substring("docker.io/".length()) : ref;
        r = r.startsWith("library/") ? r.substring("library/".length()) : r;
        return r.contains(":") || r.contains("@") ? r : r + ":latest";
    }

    /** The digest a path states: {@code blobs/sha256/HEX} or a legacy {@code HEX.json} config name. */
    private static Optional<Digest> digestInPath(String path) {
        Matcher m = BLOB_PATH.matcher(path);
        if (m.matches() && Digest.isValid(m.group(1) + ":" + m.group(2))) {
            return Optional.of(Digest.parse(m.group(1) + ":" + m.group(2)));
        }
        Matcher c = LEGACY_CONFIG.matcher(path);
        return c.matches() ? Optional.of(Digest.parse("sha256:" + c.group(1))) : Optional.empty();
    }

    @Override
    public Image image() {
        return image;
    }

    @Override
    public LayerReader reader(Layer layer) {
        String path = layerPaths.get(layer.index());
        return new TarLayerReader(files.describe(path) + " (" + layer.label() + ")", () -> files.open(path),
                layer.digest(), verifiedByDiffId.get(layer.index()));
    }

    /** The layer file: a manifest that lists one file several times lists the same layer. */
    @Override
    public Optional<Object> sameBytesAs(Layer layer) {
        return Optional.of(layerPaths.get(layer.index()));
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
