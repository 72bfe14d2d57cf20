package io.plimsoll.image.registry;

import io.plimsoll.image.ImageException;
import io.plimsoll.model.Digest;
import io.plimsoll.model.ImageReference;
import java.util.Optional;

/**
 * An image in a registry, as the registry client pulls it: a checked {@link ImageReference} ({@code alpine:3.19} is
 * {@code docker.io/library/alpine:3.19}) with its digest parsed.
 *
 * @param registry   the registry as users write it ({@code docker.io}, {@code ghcr.io}, {@code localhost:5000})
 * @param repository the repository path, with docker's {@code library/} added for official images
 * @param tag        the tag; {@code latest} when neither a tag nor a digest was given
 * @param digest     the manifest digest when pinned with {@code @sha256:…} (it wins over the tag)
 */
public record RegistryReference(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {

    public static final String DOCKER_HUB = ImageReference.DOCKER_HUB;

    /** Parses a reference with or without a {@code registry:} or {@code docker://} prefix. */
    public static RegistryReference parse(String text) throws ImageException {
        String s = text;
        if (s.startsWith("docker://")) {
            s = s.substring("docker://".length());
        } else if (s.startsWith("registry:")) {
            s = s.substring("registry:".length());
        }
        if (s.isEmpty()) {
            throw new ImageException(text, "missing image name (e.g. registry:alpine:3.19)");
        }
        ImageReference r;
        try {
            r = ImageReference.parse(s);
        } catch (IllegalArgumentException e) {
            throw new ImageException(text, e.getMessage());
        }
        return new RegistryReference(r.registry(), r.repository(), r.tag(), r.digest().map(Digest::parse));
    }

    /** The same name as the one value type registry and policy share. */
    public ImageReference toImageReference() {
        return new ImageReference(registry, repository, tag, digest.map(Digest::toString));
    }

    /** The host (and port) the registry's API answers on. */
    public String apiHost() {
        return toImageReference().apiHost();
    }

    /** What to ask the manifests endpoint for: the digest when pinned, else the tag. */
    public String manifestReference() {
        return digest.map(Digest::toString).orElseGet(tag::orElseThrow);
    }

    /** The canonical form, {@code docker.io/library/alpine:3.19}, for messages and image names. */
    @Override
    public String toString() {
        return toImageReference().toString();
    }
}
