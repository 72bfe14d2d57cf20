package io.plimsoll.policy.gate;

import java.util.Optional;

/**
 * How policy mappings see an image: {@code docker.io/library/nginx:1.27} is registry {@code docker.io}, repository
 * {@code library/nginx}, tag {@code 1.27}. Local archives have what their manifest tags say, or {@code localhost}
 * and the file name.
 */
public record ImageName(String registry, String repository, String tag, Optional<String> digest,
                        Optional<String> imageId) {

    /** Parses a docker reference ({@code nginx}, {@code host:5000/a/b:tag}, {@code a/b@sha256:…}) as docker does. */
    public static ImageName parse(String reference) {
        String ref = reference.trim();
        Optional<String> digest = Optional.empty();
        int at = ref.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(ref.substring(at + 1));
            ref = ref.substring(0, at);
        }
        String tag = "latest";
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        if (colon > slash) {
            tag = ref.substring(colon + 1);
            ref = ref.substring(0, colon);
        }
        String registry = "docker.io";
        int first = ref.indexOf('/');
        if (first > 0) {
            String head = ref.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
                registry = head;
                ref = ref.substring(first + 1);
            }
        }
        if (registry.equals("docker.io") && !ref.contains("/")) {
            ref = "library/" + ref;
        }
        return new ImageName(registry, ref, tag, digest, Optional.empty());
    }

    @Override
    public String toString() {
        return registry + "/" + repository + ":" + tag + digest.map(d -> "@" + d).orElse("");
    }
}
