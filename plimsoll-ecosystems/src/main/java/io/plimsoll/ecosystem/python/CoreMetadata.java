package io.plimsoll.ecosystem.python;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header fields of a core-metadata file (a wheel's {@code METADATA}, an egg's {@code PKG-INFO}). Field names are
 * case-insensitive, as in the e-mail headers the format borrows; a field may repeat ({@code Classifier}).
 */
public final class CoreMetadata {

    private final Map<String, List<String>> fields = new LinkedHashMap<>();

    void add(String field, String value) {
        fields.computeIfAbsent(field.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
    }

    /**
     * The first value of a single-valued field, or "". The first, not the last: should a malformed file run its
     * description into the headers, the real {@code Name} and {@code Version} still come first.
     */
    public String get(String field) {
        List<String> v = fields.get(field.toLowerCase(Locale.ROOT));
        return v == null ? "" : v.get(0);
    }

    /** Every value of a repeatable field, in file order. */
    public List<String> all(String field) {
        return List.copyOf(fields.getOrDefault(field.toLowerCase(Locale.ROOT), List.of()));
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
