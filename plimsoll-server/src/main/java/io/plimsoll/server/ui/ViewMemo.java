package io.plimsoll.server.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The parts of an image page derived from one assessment (sorted finding rows, package and policy tables, fix
 * advice), kept for the last few assessments. An assessment is immutable and replaced, never changed, when the
 * data or bundle changes, so a part is keyed by the assessment's identity and never goes stale; re-reading a page
 * of 1,500 findings then only renders.
 */
final class ViewMemo {

    /** A part of one owner; owners compare by identity (an assessment's equals would compare every finding). */
    private record Key(Object owner, String part) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.owner == owner && k.part.equals(part);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(owner) * 31 + part.hashCode();
        }
    }

    private final Map<Key, Object> parts;

    ViewMemo(int size) {
        this.parts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Object> eldest) {
                return size() > size;
            }
        };
    }

    @SuppressWarnings("unchecked")
    <T> T get(Object owner, String part, Supplier<T> make) {
        Key key = new Key(owner, part);
        synchronized (parts) {
            Object kept = parts.get(key);
            if (kept != null) {
                return (T) kept;
            }
        }
        // made outside the lock: two requests may both make it, and either result is the same
        T made = make.get();
        synchronized (parts) {
            parts.put(key, made);
        }
        return made;
    }
}
