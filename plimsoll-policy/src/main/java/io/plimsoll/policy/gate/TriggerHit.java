package io.plimsoll.policy.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One hit of a trigger. {@code triggerId} is stable across runs for the same cause (e.g.
 * {@code CVE-2021-44228+log4j-core}, a file path, a user name), so allowlists and baselines can name it.
 *
 * @param location the file in the image the hit is about, when it is about one (reports such as SARIF point there)
 * @param aliases  other trigger ids of the same hit, which allowlists and baselines may name instead: a vulnerability
 *                 hit is {@code CVE-2021-44228+log4j-core} and also {@code GHSA-jfh8-c2jp-5v3q+log4j-core}
 */
public record TriggerHit(String triggerId, String message, Optional<FileLocation> location, List<String> aliases) {

    public TriggerHit {
        aliases = List.copyOf(aliases);
    }

    public TriggerHit(String triggerId, String message) {
        this(triggerId, message, Optional.empty(), List.of());
    }

    public TriggerHit(String triggerId, String message, Optional<FileLocation> location) {
        this(triggerId, message, location, List.of());
    }

    /** This hit, about {@code path} (absolute in the image) at {@code line} (1-based; 0 for the whole file). */
    public TriggerHit at(String path, int line) {
        return at(path, line, FileLocation.UNKNOWN_LAYER);
    }

    /** This hit, about {@code path} at {@code line} (0: the whole file) as layer {@code layer} (0-based) wrote it. */
    public TriggerHit at(String path, int line, int layer) {
        return new TriggerHit(triggerId, message, Optional.of(new FileLocation(path, line, layer)), aliases);
    }

    /** This hit, also known by {@code otherIds} (the trigger id itself and repeats are left out). */
    public TriggerHit alsoKnownAs(List<String> otherIds) {
        List<String> all = new ArrayList<>(aliases);
        for (String id : otherIds) {
            if (!id.equals(triggerId) && !all.contains(id)) {
                all.add(id);
            }
        }
        return new TriggerHit(triggerId, message, location, all);
    }

    /** The trigger id, then its aliases: every id an allowlist or a baseline may name this hit by. */
    public List<String> triggerIds() {
        List<String> all = new ArrayList<>(aliases.size() + 1);
        all.add(triggerId);
        all.addAll(aliases);
        return all;
    }

    /**
     * A file in the image, a line in it when the hit is about one (0 otherwise), and the layer (0-based) that wrote
     * it, or {@link #UNKNOWN_LAYER}.
     */
    public record FileLocation(String path, int line, int layer) {

        public static final int UNKNOWN_LAYER = -1;

        public FileLocation(String path, int line) {
            this(path, line, UNKNOWN_LAYER);
        }
    }
}
