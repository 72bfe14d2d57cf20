package io.plimsoll.policy.gate;

import io.plimsoll.model.ImageReference;
import java.util.Optional;

/**
 * How policy mappings see an image: {@code docker.io/library/nginx:1.27} is registry {@code docker.io}, repository
 * {@code library/nginx}, tag {@code 1.27}. Local archives have what their manifest tags say, or {@code localhost}
 * and the file name.
 */
public record ImageName(String registry, String repository, String tag, Optional<String> digest,
                        Optional<String> imageId) {

    /**
     * Reads a docker reference ({@code nginx}, {@code host:5000/a/b:tag}, {@code a/b@sha256:…}) as docker does,
     * without refusing what a pull would (a mapping or allowlist may name anything); the tag is {@code latest}
     * when none is given, even beside a digest.
     */
    public static ImageName parse(String reference) {
        ImageReference r = ImageReference.parseLoosely(reference.trim());
        return new ImageName(r.registry(), r.repository(), r.tag().orElse(ImageReference.DEFAULT_TAG), r.digest(),
                Optional.empty());
    }

    @Override
    public String toString() {
        return registry + "/" + repository + ":" + tag + digest.map(d -> "@" + d).orElse("");
    }
}
