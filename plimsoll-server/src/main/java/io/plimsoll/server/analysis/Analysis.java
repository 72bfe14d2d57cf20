package io.plimsoll.server.analysis;

import java.util.Optional;

/**
 * What one analysis run produced for the queue to store.
 *
 * @param document empty when the digest had already been analysed (the manifest was read, the layers were not)
 */
record Analysis(String digest, Optional<String> configDigest, Optional<String> distro, int packageCount,
                Optional<AnalysisDocument> document) {
}
