package io.plimsoll.policy.eval;

import io.plimsoll.policy.ImageSelector;
import io.plimsoll.policy.Wildcard;
import io.plimsoll.policy.gate.ImageName;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a mapping's or a trusted/denied entry's selector covers an image, as Anchore matches them: registry and
 * repository first (with {@code *} wildcards), then by type: {@code tag} matches the tag, {@code digest} the
 * manifest digest ({@code sha256:…}), {@code id} the image id (with or without {@code sha256:}); an image without
 * a digest or id matches no selector of that type.
 *
 * <p>Two deliberate conveniences beyond Anchore: Docker Hub's aliases ({@code index.docker.io},
 * {@code registry-1.docker.io}, {@code dockerhub}) are {@code docker.io}, and on Docker Hub a repository pattern
 * without a namespace also matches the official {@code library/} image ({@code nginx} covers
 * {@code docker.io/library/nginx}), since that is how people write it.
 */
public final class ImageSelectors {

    private static final Set<String> DOCKER_HUB = Set.of("docker.io", "index.docker.io", "registry-1.docker.io",
            "dockerhub");

    private ImageSelectors() {
    }

    public static boolean matches(ImageSelector s, ImageName image) {
        if (!Wildcard.of(hub(s.registry())).matches(hub(image.registry()))) {
            return false;
        }
        if (!repositoryMatches(s.repository(), image)) {
            return false;
        }
        return switch (s.type()) {
            case "digest" -> image.digest().map(d -> Wildcard.of(s.value()).matches(d)).orElse(false);
            case "id" -> image.imageId().map(id -> Wildcard.of(bareId(s.value())).matches(bareId(id)))
                    .orElse(false);
            default -> Wildcard.of(s.value()).matches(image.tag());
        };
    }

    private static boolean repositoryMatches(String pattern, ImageName image) {
        Wildcard w = Wildcard.of(pattern);
        if (w.matches(image.repository())) {
            return true;
        }
        String repo = image.repository();
        return hub(image.registry()).equals("docker.io") && repo.startsWith("library/") && !pattern.contains("/")
                && w.matches(repo.substring("library/".length()));
    }

    private static String hub(String registry) {
        return registry != null && DOCKER_HUB.contains(registry) ? "docker.io" : Optional.ofNullable(registry)
                .orElse("");
    }

    private static String bareId(String id) {
        return id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
    }
}
