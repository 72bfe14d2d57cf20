package io.plimsoll.vuln.store;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import java.util.List;
import java.util.Optional;

/** The read side of the vulnerability database, as the matcher and reports use it. */
public interface VulnStore extends AutoCloseable {

    /** Every affected-package row for {@code name} in {@code namespace}, from all sources. */
    List<AffectedPackage> affected(String namespace, String name);

    Optional<Advisory> advisory(String source, String id);

    Optional<KevEntry> kev(String cve);

    Optional<EpssScore> epss(String cve);

    /** Enrichment CVSS assessments of a CVE (NVD). */
    List<Cvss> cvss(String cve);

    /** What each source last did: when, from where, how many records, whether it failed. */
    List<SourceStatus> sources();

    @Override
    void close();
}
