package io.plimsoll.catalog;

import io.plimsoll.model.Digest;
import java.util.Optional;

/**
 * Where a package came from: the layer in which that package at that version first appeared, and the
 * Dockerfile step that made the layer, so a finding can say "added by RUN apt-get install …".
 */
public record Provenance(int layer, Optional<Digest> layerDigest, Optional<String> createdBy) {
}
