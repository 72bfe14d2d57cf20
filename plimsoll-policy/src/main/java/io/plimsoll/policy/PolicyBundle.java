package io.plimsoll.policy;

import java.util.List;
import java.util.Optional;

/**
 * An Anchore policy bundle (version 1_0): policies, allowlists, the mappings that choose them per image, and images
 * that are always trusted or always denied. Plimsoll's native YAML form has the same fields.
 */
public record PolicyBundle(String id, String name, String version, String comment, List<Policy> policies,
                           List<Allowlist> allowlists, List<Mapping> mappings, List<ImageRule> trustedImages,
                           List<ImageRule> deniedImages) {

    public PolicyBundle {
        policies = List.copyOf(policies);
        allowlists = List.copyOf(allowlists);
        mappings = List.copyOf(mappings);
        trustedImages = List.copyOf(trustedImages);
        deniedImages = List.copyOf(deniedImages);
        name = name == null ? id : name;
        version = version == null ? "1_0" : version;
        comment = comment == null ? "" : comment;
    }

    public Optional<Policy> policy(String id) {
        return policies.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<Allowlist> allowlist(String id) {
        return allowlists.stream().filter(a -> a.id().equals(id)).findFirst();
    }
}
