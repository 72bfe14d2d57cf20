package io.plimsoll.vuln.store;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store that passes every question to another, for one that answers a few differently (a cache of rows, the data
 * as it was before an update): every method is forwarded, the batch ones too, so a wrapper never silently falls
 * back to an interface default the wrapped store answers better (one query instead of one per name; whether a
 * namespace has rows at all).
 */
public abstract class ForwardingVulnStore implements VulnStore {

    protected final VulnStore delegate;

    protected ForwardingVulnStore(VulnStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<AffectedPackage> affected(String namespace, String name) {
        return delegate.affected(namespace, name);
    }

    @Override
    public Map<String, List<AffectedPackage>> affected(String namespace, Collection<String> names) {
        return delegate.affected(namespace, names);
    }

    @Override
    public boolean hasRows(String namespace) {
        return delegate.hasRows(namespace);
    }

    @Override
    public Optional<Advisory> advisory(String source, String id) {
        return delegate.advisory(source, id);
    }

    @Override
    public Map<String, Advisory> advisories(String source, Collection<String> ids) {
        return delegate.advisories(source, ids);
    }

    @Override
    public Optional<KevEntry> kev(String cve) {
        return delegate.kev(cve);
    }

    @Override
    public Optional<EpssScore> epss(String cve) {
        return delegate.epss(cve);
    }

    @Override
    public List<Cvss> cvss(String cve) {
        return delegate.cvss(cve);
    }

    @Override
    public Enrichment enrichment(Collection<String> cves) {
        return delegate.enrichment(cves);
    }

    @Override
    public List<SourceStatus> sources() {
        return delegate.sources();
    }

    /** The wrapped store stays open: whoever opened it closes it. */
    @Override
    public void close() {
    }
}
