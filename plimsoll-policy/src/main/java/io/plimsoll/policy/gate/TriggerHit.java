package io.plimsoll.policy.gate;

import java.util.Optional;

/**
 * One hit of a trigger. {@code triggerId} is stable across runs for the same cause (e.g.
 * {@code CVE-2021-44228+log4j-core}, a file path, a user name), so allowlists and baselines can name it.
 *
 * @param location the file in the image the hit is about, when it is about one (reports such as SARIF point there)
 */
public record TriggerHit(String triggerId, String message, Optional<FileLocation> location) {

    public TriggerHit(String triggerId, String message) {
        this(triggerId, message, Optional.empty());
    }

    /** This hit, about {@code path} (absolute in the image) at {@code line} (1-based; 0 for the whole file). */
    public TriggerHit at(String path, int line) {
        return new TriggerHit(triggerId, message, Optional.of(new FileLocation(path, line)));
    }

    /** A file in the image, and a line in it when the hit is about one (0 otherwise). */
    public record FileLocation(String path, int line) {
    }
}
