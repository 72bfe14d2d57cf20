package io.plimsoll.vuln.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How usable the vulnerability data behind a scan is: which expected sources are missing, which failed at their
 * last update, which are older than the allowed age. A scan reports this plainly (and the policy's
 * {@code vulnerability_data_unavailable} / {@code stale_feed_data} triggers read it) instead of failing.
 *
 * @param database  the database file, when one was opened
 * @param sources   every source the database records
 * @param missing   expected sources with no data at all
 * @param failed    sources whose last update failed (their older data, if any, is still used)
 * @param stale     sources whose data is older than {@code maxAge}
 * @param ageKnown  false when the data is someone else's (a scan server) that does not say how old it is:
 *                  there is data, but no source, age or staleness can be told
 */
public record DataFreshness(Optional<Path> database, List<SourceStatus> sources, List<String> missing,
                            List<String> failed, List<String> stale, Duration maxAge, Instant now, boolean ageKnown) {

    public DataFreshness {
        sources = List.copyOf(sources);
        missing = List.copyOf(missing);
        failed = List.copyOf(failed);
        stale = List.copyOf(stale);
    }

    public DataFreshness(Optional<Path> database, List<SourceStatus> sources, List<String> missing,
                         List<String> failed, List<String> stale, Duration maxAge, Instant now) {
        this(database, sources, missing, failed, stale, maxAge, now, true);
    }

    /** Data held elsewhere ({@code where} names it) whose sources and ages are not known here. */
    public static DataFreshness ageUnknown(Path where, Duration maxAge, Instant now) {
        return new DataFreshness(Optional.of(where), List.of(), List.of(), List.of(), List.of(), maxAge, now, false);
    }

    /** No database at all: nothing can be matched. */
    public static DataFreshness unavailable(List<String> expected, Duration maxAge) {
        return new DataFreshness(Optional.empty(), List.of(), expected, List.of(), List.of(), maxAge, Instant.now());
    }

    /** Classifies each expected source of {@code recorded}. */
    public static DataFreshness of(Path database, List<SourceStatus> recorded, List<String> expected, Duration maxAge,
                                   Instant now) {
        List<String> missing = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (String name : expected) {
            Optional<SourceStatus> s = find(recorded, name);
            if (s.isEmpty() || s.get().updatedAt().isEmpty()) {
                missing.add(name);
                continue;
            }
            if (s.get().failed()) {
                failed.add(name);
            }
            if (s.get().updatedAt().get().plus(maxAge).isBefore(now)) {
                stale.add(name);
            }
        }
        return new DataFreshness(Optional.of(database), recorded, missing, failed, stale, maxAge, now);
    }

    /**
     * The status of {@code name}: a source, or a part {@code source/part} (OSV's {@code osv/PyPI}), recorded in its
     * source's state or listed on its own (a server's feed list). A database written before parts were recorded has
     * none; its part is judged by the whole source. A part its source does not record (or a feed list does not list
     * beside the source's other parts) was never read: it has no status.
     */
    public static Optional<SourceStatus> find(List<SourceStatus> recorded, String name) {
        Optional<SourceStatus> listed = recorded.stream().filter(r -> r.name().equals(name)).findFirst();
        if (listed.isPresent()) {
            return listed;
        }
        int slash = name.indexOf('/');
        String source = slash < 0 ? name : name.substring(0, slash);
        Optional<SourceStatus> whole = recorded.stream().filter(r -> r.name().equals(source)).findFirst();
        if (slash < 0 || whole.isEmpty()) {
            return whole;
        }
        List<SourceStatus> parts = whole.get().parts();
        if (parts.isEmpty()) {
            boolean listsParts = recorded.stream().anyMatch(r -> r.name().startsWith(source + "/"));
            return listsParts ? Optional.empty() : whole;
        }
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The expected sources or parts that the gate cannot accept: no data at all, or data older than the age limit. */
    public List<String> unusable() {
        List<String> out = new ArrayList<>(missing);
        stale.stream().filter(s -> !out.contains(s)).forEach(out::add);
        return out;
    }

    /** True when no source has any data: every finding list is then empty for want of data, not of vulnerabilities. */
    public boolean unavailable() {
        return database.isEmpty() || (ageKnown && sources.stream().allMatch(s -> s.updatedAt().isEmpty()));
    }

    public boolean complete() {
        return ageKnown && missing.isEmpty() && failed.isEmpty() && stale.isEmpty() && database.isPresent();
    }

    /** The age of the oldest data among the sources that have some. */
    public Optional<Duration> oldest() {
        return sources.stream().flatMap(s -> s.updatedAt().stream()).min(Instant::compareTo)
                .map(t -> Duration.between(t, now));
    }
}
