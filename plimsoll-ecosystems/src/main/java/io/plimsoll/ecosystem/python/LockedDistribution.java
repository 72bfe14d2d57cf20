package io.plimsoll.ecosystem.python;

import java.util.Map;

/**
 * One distribution a lockfile or requirements file pins.
 *
 * @param declaredName the name as the file writes it (normalised later, for the package and its PURL)
 * @param version      the exact version; "" when the file pins none (a uv workspace member with a dynamic version)
 * @param metadata     what else the file says: {@code dev}, {@code index}, {@code markers}, {@code hashes}, …
 */
public record LockedDistribution(String declaredName, String version, Map<String, String> metadata) {

    public LockedDistribution {
        metadata = Map.copyOf(metadata);
    }

    /** Dependencies only needed to develop the project (Pipenv's develop, Poetry's and PDM's non-main groups). */
    public boolean dev() {
        return "true".equals(metadata.get("dev"));
    }
}
