package io.plimsoll.image.registry;

import io.plimsoll.image.ImageException;
import io.plimsoll.model.Digest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image in a registry, named as docker names it: {@code alpine:3.19} is {@code docker.io/library/alpine:3.19},
 * {@code host:5000/a/b@sha256:…} is repository {@code a/b} on {@code host:5000}.
 *
 * @param registry   the registry as users write it ({@code docker.io}, {@code ghcr.io}, {@code localhost:5000})
 * @param repository the repository path, with docker's {@code library/} added for official images
 * @param tag        the tag; {@code latest} when neither a tag nor a digest was given
 * @param digest     the manifest digest when pinned with {@code @sha256:…} (it wins over the tag)
 */
public record RegistryReference(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {

    public static final String DOCKER_HUB = "docker.io";
    /** Docker Hub's API host: {@code docker.io} itself only redirects. */
    static final String DOCKER_HUB_API = "registry-1.docker.io";

    // the grammar of distribution/reference: lowercase path components joined by '/', separators '.', '_', '__', '-'
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern HOST = Pattern.compile("(?:[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");

    /** Parses a reference with or without a {@code registry:} or {@code docker://} prefix. */
    public static RegistryReference parse(String text) throws ImageException {
        String subject = text;
        String s = text;
        if (s.startsWith("docker://")) {
            s = s.substring("docker://".length());
        } else if (s.startsWith("registry:")) {
            s = s.substring("registry:".length());
        }
        if (s.isEmpty()) {
            throw new ImageException(subject, "missing image name (e.g. registry:alpine:3.19)");
        }
        Optional<Digest> digest = Optional.empty();
        int at = s.indexOf('@');
        if (at >= 0) {
            String d = s.substring(at + 1);
            if (!Digest.isValid(d)) {
                throw new ImageException(subject, "'" + d + "' is not a valid digest (want sha256:<64 hex digits>)");
            }
            digest = Optional.of(Digest.parse(d));
            s = s.substring(0, at);
        }
        String registry = DOCKER_HUB;
        int slash = s.indexOf('/');
        if (slash > 0) {
            String first = s.substring(0, slash);
            // docker's rule: the first component is a registry when it has a '.' or ':' or is localhost
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (!HOST.matcher(first).matches()) {
                    throw new ImageException(subject, "'" + first + "' is not a valid registry host");
                }
                registry = first;
                s = s.substring(slash + 1);
            }
        }
        if (registry.equals("index.docker.io") || registry.equals(DOCKER_HUB_API)) {
            registry = DOCKER_HUB;
        }
        Optional<String> tag = Optional.empty();
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            String t = s.substring(colon + 1);
            if (!TAG.matcher(t).matches()) {
                throw new ImageException(subject, "'" + t + "' is not a valid tag");
            }
            tag = Optional.of(t);
            s = s.substring(0, colon);
        }
        if (s.isEmpty()) {
            throw new ImageException(subject, "missing repository name");
        }
        for (String component : s.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new ImageException(subject, "'" + s + "' is not a valid repository name"
                        + (s.equals(s.toLowerCase(Locale.ROOT)) ? "" : " (repository names are lowercase)"));
            }
        }
        if (registry.equals(DOCKER_HUB) && !s.contains("/")) {
            s = "library/" + s;
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = Optional.of("latest");
        }
        return new RegistryReference(registry, s, tag, digest);
    }

    /** The host (and port) the registry's API answers on. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
    }

    /** What to ask the manifests endpoint for: the digest when pinned, else the tag. */
    public String manifestReference() {
        return digest.map(Digest::toString).orElseGet(tag::orElseThrow);
    }

    /** The canonical form, {@code docker.io/library/alpine:3.19}, for messages and image names. */
    @Override
    public String toString() {
        return registry + "/" + repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
}
