package io.plimsoll.image;

import io.plimsoll.model.Digest;
import io.plimsoll.model.Platform;
import java.util.List;
import java.util.Optional;

/**
 * An image resolved to one platform: its manifest and config read, its layers described but not yet read.
 *
 * @param name           the reference as given, e.g. {@code docker-archive:app.tar}
 * @param manifestDigest the digest of the manifest that was picked (what a registry would call the image digest)
 * @param configDigest   the config's digest, which docker shows as the image id
 * @param tags           names the archive gives the image ({@code RepoTags}, OCI ref names)
 * @param warnings       things the user should know that did not stop reading (e.g. history not matching layers)
 * @param annotations    the manifest's OCI annotations ({@code org.opencontainers.image.base.name}, …); empty for
 *                       sources without a manifest of their own (docker-archive, directories, SBOMs)
 */
public record Image(String name, SourceKind kind, Optional<Digest> manifestDigest, Optional<Digest> configDigest,
                    Platform platform, List<String> tags, ImageConfig config, List<Layer> layers,
                    List<String> warnings, java.util.Map<String, String> annotations) {

    public Image {
        tags = List.copyOf(tags);
        layers = List.copyOf(layers);
        warnings = List.copyOf(warnings);
        annotations = java.util.Map.copyOf(annotations);
    }

    /** An image whose manifest has no annotations. */
    public Image(String name, SourceKind kind, Optional<Digest> manifestDigest, Optional<Digest> configDigest,
                 Platform platform, List<String> tags, ImageConfig config, List<Layer> layers, List<String> warnings) {
        this(name, kind, manifestDigest, configDigest, platform, tags, config, layers, warnings, java.util.Map.of());
    }
}
