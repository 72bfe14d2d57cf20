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

/** A {@link VulnStore} over what one or more {@link RecordingSink}s collected, for matcher tests. */
public final class MemoryVulnStore implements VulnStore {

    private final List<RecordingSink> sinks;

    public MemoryVulnStore(RecordingSink... sinks) {
        this.sinks = List.of(sinks);
    }

    @Override
    public List<AffectedPackage> affected(String namespace, String name) {
        return sinks.stream().flatMap(s -> s.affected(namespace, name).stream()).toList();
    }

    @Override
    public Optional<Advisory> advisory(String source, String id) {
        return sinks.stream().flatMap(s -> s.advisories.stream())
                .filter(a -> a.source().equals(source) && a.id().equals(id)).findFirst();
    }

    @Override
    public Optional<KevEntry> kev(String cve) {
        return sinks.stream().flatMap(s -> s.kev.stream()).filter(k -> k.cve().equals(cve)).findFirst();
    }

    @Override
    public Optional<EpssScore> epss(String cve) {
        return sinks.stream().flatMap(s -> s.epss.stream()).filter(k -> k.cve().equals(cve)).findFirst();
    }

    @Override
    public List<Cvss> cvss(String cve) {
        return sinks.stream().flatMap(s -> s.cvss.getOrDefault(cve, List.of()).stream()).toList();
    }

    @Override
    public List<SourceStatus> sources() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
