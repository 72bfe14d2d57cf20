package io.plimsoll.vuln.feed;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import java.util.Optional;

/**
 * Where an updater writes what it read. Everything written belongs to the updater's source; a failed update's
 * rows are discarded and the previous data for that source kept. Implementations are thread-safe.
 */
public interface FeedSink {

    void advisory(Advisory advisory);

    void affected(AffectedPackage affected);

    void kev(KevEntry entry);

    void epss(EpssScore score);

    /** An enrichment CVSS assessment of a CVE (NVD), independent of any one source's advisory. */
    void cvss(String cve, Cvss cvss);

    /**
     * A cursor the updater wants back next time ({@code lastModified} for NVD's incremental paging), recorded in
     * the source's metadata when the update succeeds.
     */
    void state(String key, String value);

    /** The value {@link #state} recorded at the last successful update of this source. */
    Optional<String> previousState(String key);

    /**
     * Copies this source's rows from the previous database into the new one, for incremental sources that then
     * apply only what changed (later writes of the same key replace the copied rows). Returns false when there is
     * no previous data for this source, so the updater must do a full fetch.
     */
    boolean keepPrevious();

    /**
     * Withdraws an advisory and its affected rows (an upstream deletion, after {@link #keepPrevious()}). Writing an
     * advisory again after {@code keepPrevious()} already replaces its old affected rows, so write the advisory
     * before its affected rows.
     */
    void remove(String advisoryId);

    /** Free-form progress for the terminal: "parsed 4,291 records". */
    default void progress(String message) {
    }
}
