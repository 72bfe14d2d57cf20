package io.plimsoll.server.analysis;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One submitted image and where its analysis stands, with the summary of the stored analysis once there is one.
 *
 * @param dockerfile the Dockerfile submitted with the image, base64 as anchore-cli sends it
 * @param status {@code not_analyzed}, {@code analyzing}, {@code analyzed} or {@code analysis_failed} (Anchore's)
 */
record ImageRecord(String id, Optional<String> tag, String pullReference, Optional<String> digest, String status,
                   Optional<String> error, Instant createdAt, Instant lastUpdated, Optional<Instant> analyzedAt,
                   Optional<String> configDigest, Optional<String> distro, int packageCount,
                   Optional<String> dockerfile, Map<String, String> annotations) {

    static final String NOT_ANALYZED = "not_analyzed";
    static final String ANALYZING = "analyzing";
    static final String ANALYZED = "analyzed";
    static final String FAILED = "analysis_failed";

    ImageRecord {
        annotations = Map.copyOf(annotations);
    }

    /** Docker's image id: the config digest without its algorithm. */
    Optional<String> imageId() {
        return configDigest.map(c -> c.substring(c.indexOf(':') + 1));
    }
}
