package io.plimsoll.server.analysis;

import io.plimsoll.server.analysis.ImageCatalog.Assessment;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last few assessments, by image, tag, data version and active bundle. Entries also expire after a few
 * minutes, because an evaluation reads the clock (the stale-data triggers) and would otherwise never age.
 */
final class AssessmentCache {

    static final Duration KEPT_FOR = Duration.ofMinutes(5);

    private record Entry(Assessment assessment, long until) {
    }

    private final Map<String, Entry> cache;
    private final Clock clock;

    AssessmentCache(int size, Clock clock) {
        this.clock = clock;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > size;
            }
        };
    }

    synchronized Optional<Assessment> get(String key) {
        Entry e = cache.get(key);
        if (e == null || e.until() < clock.millis()) {
            cache.remove(key);
            return Optional.empty();
        }
        return Optional.of(e.assessment());
    }

    synchronized void put(String key, Assessment a) {
        cache.put(key, new Entry(a, clock.millis() + KEPT_FOR.toMillis()));
    }
}
