package io.plimsoll.vuln.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One source's row in the database metadata.
 *
 * @param url        the base URL or folder the data came from
 * @param updatedAt  when this source's data was last fetched successfully (the data's age)
 * @param attemptAt  when an update of this source was last tried
 * @param error      why the last attempt failed, when it did (the data then is the older one)
 * @param records    how many rows the source contributed
 * @param checksum   SHA-256 over the fetched files, to tell whether anything changed
 * @param validators the HTTP validators (ETag / Last-Modified) per fetched path, for conditional GET
 * @param state      the updater's own cursors (NVD's last-modified time)
 */
public record SourceStatus(String name, String url, Optional<Instant> updatedAt, Instant attemptAt,
                           Optional<String> error, long records, String checksum, Map<String, String> validators,
                           Map<String, String> state) {

    public SourceStatus {
        validators = Map.copyOf(validators);
        state = Map.copyOf(state);
    }

    public boolean failed() {
        return error.isPresent();
    }

    /** The prefix of the state keys in which a source with parts (OSV's ecosystems) records each part's status. */
    public static final String PART = "part.";

    /**
     * The state key under which part {@code part} records {@code what}: {@code updated}, {@code error}, {@code records},
     * and {@code unpublished} ({@code true} when the upstream does not publish the part at all, such as an Amazon
     * Linux 2 extras topic without a mirror list: its error says where it was looked for, and it has no data, but the
     * update did not fail for it).
     */
    public static String partKey(String part, String what) {
        return PART + part + "." + what;
    }

    /** Whether the upstream does not publish {@code part}, one of this source's {@link #parts()}, at all. */
    public boolean unpublished(SourceStatus part) {
        return part.name().startsWith(name + "/") && Boolean.parseBoolean(
                state.get(partKey(part.name().substring(name.length() + 1), "unpublished")));
    }

    /**
     * The status of each part this source recorded, named {@code source/part} ({@code osv/PyPI}): a source made of
     * independent upstream files (one per ecosystem) keeps each one's age and error, so an image is judged by the
     * parts it needs and one part's failure does not hide the others. Empty for sources without parts, and for
     * databases written before parts were recorded.
     */
    public java.util.List<SourceStatus> parts() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        for (String k : state.keySet()) {
            if (k.startsWith(PART) && (k.endsWith(".updated") || k.endsWith(".error"))) {
                names.add(k.substring(PART.length(), k.lastIndexOf('.')));
            }
        }
        java.util.List<SourceStatus> out = new java.util.ArrayList<>();
        for (String part : names) {
            Optional<Instant> updated = Optional.ofNullable(state.get(partKey(part, "updated")))
                    .filter(v -> !v.isEmpty()).flatMap(SourceStatus::instant);
            Optional<String> err = Optional.ofNullable(state.get(partKey(part, "error"))).filter(v -> !v.isEmpty());
            long count = Optional.ofNullable(state.get(partKey(part, "records"))).flatMap(SourceStatus::number).orElse(0L);
            out.add(new SourceStatus(name + "/" + part, url, updated, attemptAt, err, count, "", Map.of(), Map.of()));
        }
        return out;
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
