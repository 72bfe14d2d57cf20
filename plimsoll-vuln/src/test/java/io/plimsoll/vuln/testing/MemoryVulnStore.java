package io.plimsoll.vuln.testing;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.VulnStore;
import java.util.List;
import java.util.Optional;

/**
 * A {@link VulnStore} over what one or more {@link RecordingSink}s collected, for matcher tests. A test may publish
 * into a sink while a server's loop reads the store, so every read holds the sink's lock, as its writes do.
 */
public final class MemoryVulnStore implements VulnStore {

    private final List<RecordingSink> sinks;

    public MemoryVulnStore(RecordingSink... sinks) {
        this.sinks = List.of(sinks);
    }

    @Override
    public List<AffectedPackage> affected(String namespace, String name) {
        return read(s -> s.affected(namespace, name).stream());
    }

    @Override
    public Optional<Advisory> advisory(String source, String id) {
        return read(s -> s.advisories.stream()).stream()
                .filter(a -> a.source().equals(source) && a.id().equals(id)).findFirst();
    }

    @Override
    public Optional<KevEntry> kev(String cve) {
        return read(s -> s.kev.stream()).stream().filter(k -> k.cve().equals(cve)).findFirst();
    }

    @Override
    public Optional<EpssScore> epss(String cve) {
        return read(s -> s.epss.stream()).stream().filter(k -> k.cve().equals(cve)).findFirst();
    }

    @Override
    public List<Cvss> cvss(String cve) {
        return read(s -> s.cvss.getOrDefault(cve, List.of()).stream());
    }

    /** What {@code rows} gives of each sink, collected while holding that sink's lock. */
    private <T> List<T> read(java.util.function.Function<RecordingSink, java.util.stream.Stream<T>> rows) {
        List<T> out = new java.util.ArrayList<>();
        for (RecordingSink s : sinks) {
            synchronized (s) {
                rows.apply(s).forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public List<SourceStatus> sources() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
