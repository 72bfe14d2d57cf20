package io.plimsoll.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image named as docker names it: {@code alpine:3.19} is registry {@code docker.io}, repository
 * {@code library/alpine}, tag {@code 3.19}; {@code host:5000/a/b@sha256:…} is repository {@code a/b} on
 * {@code host:5000}, pinned by digest. The registry client pulls by it and policy mappings match on it, so both read
 * a name the same way: the first path component is a registry when it has a {@code .} or {@code :} or is
 * {@code localhost}, a tag follows the last {@code :} after the last {@code /}, a digest follows {@code @}, and a
 * Docker Hub repository without a namespace gets {@code library/}.
 *
 * @param registry   the registry as users write it ({@code docker.io}, {@code ghcr.io}, {@code localhost:5000})
 * @param repository the repository path, with docker's {@code library/} added for official images
 * @param tag        the tag, when one was given (or defaulted by {@link #parse})
 * @param digest     the digest text after {@code @}, when pinned (it wins over the tag)
 */
public record ImageReference(String registry, String repository, Optional<String> tag, Optional<String> digest) {

    public static final String DOCKER_HUB = "docker.io";
    /** Docker Hub's API host: {@code docker.io} itself only redirects. */
    public static final String DOCKER_HUB_API = "registry-1.docker.io";
    public static final String DEFAULT_TAG = "latest";

    // the grammar of distribution/reference: lowercase path components joined by '/', separators '.', '_', '__', '-'
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");

    /**
     * Parses and checks a reference as a registry pull needs it: a valid digest, registry host, tag and lowercase
     * repository; Docker Hub's other host names become {@code docker.io}; the tag is {@code latest} when neither a
     * tag nor a digest was given.
     *
     * @throws IllegalArgumentException saying in one line what is wrong
     */
    public static ImageReference parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("missing image name");
        }
        ImageReference r = split(text, true);
        return r.tag.isEmpty() && r.digest.isEmpty()
                ? new ImageReference(r.registry, r.repository, Optional.of(DEFAULT_TAG), r.digest) : r;
    }

    /**
     * Splits a reference by docker's rules without checking its parts or normalising the registry, as Anchore's
     * policy mappings read the names they are given; a missing tag stays missing.
     */
    public static ImageReference parseLoosely(String text) {
        return split(text, false);
    }

    /** Docker's split; {@code strict} also checks each part as it is taken off and normalises Docker Hub's name. */
    private static ImageReference split(String text, boolean strict) {
        String s = text;
        Optional<String> digest = Optional.empty();
        int at = s.indexOf('@');
        if (at >= 0) {
            String d = s.substring(at + 1);
            if (strict && !Digest.isValid(d)) {
                throw new IllegalArgumentException("'" + d + "' is not a valid digest (want sha256:<64 hex digits>)");
            }
            digest = Optional.of(d);
            s = s.substring(0, at);
        }
        String registry = DOCKER_HUB;
        int slash = s.indexOf('/');
        if (slash > 0) {
            String first = s.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (strict && !HOST.matcher(first).matches()) {
                    throw new IllegalArgumentException("'" + first + "' is not a valid registry host");
                }
                registry = first;
                s = s.substring(slash + 1);
            }
        }
        if (strict && (registry.equals("index.docker.io") || registry.equals(DOCKER_HUB_API))) {
            registry = DOCKER_HUB;
        }
        Optional<String> tag = Optional.empty();
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            String t = s.substring(colon + 1);
            if (strict && !TAG.matcher(t).matches()) {
                throw new IllegalArgumentException("'" + t + "' is not a valid tag");
            }
            tag = Optional.of(t);
            s = s.substring(0, colon);
        }
        if (strict) {
            check(s);
        }
        if (registry.equals(DOCKER_HUB) && !s.contains("/")) {
            s = "library/" + s;
        }
        return new ImageReference(registry, s, tag, digest);
    }

    private static void check(String repository) {
        if (repository.isEmpty()) {
            throw new IllegalArgumentException("missing repository name");
        }
        for (String component : repository.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("'" + repository + "' is not a valid repository name"
                        + (repository.equals(repository.toLowerCase(Locale.ROOT)) ? ""
                        : " (repository names are lowercase)"));
            }
        }
    }

    /** The host (and port) the registry's API answers on. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
    }

    /** The canonical form, {@code docker.io/library/alpine:3.19}; {@link #parse} reads it back as equal. */
    @Override
    public String toString() {
        return registry + "/" + repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
}
