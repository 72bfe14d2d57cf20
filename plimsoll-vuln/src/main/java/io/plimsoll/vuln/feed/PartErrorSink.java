package io.plimsoll.vuln.feed;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.store.SourceStatus;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Passes everything on to the real sink and notes the parts (OSV's ecosystems) this update recorded as failed, so
 * the runner can report a source whose other parts were applied as not entirely ok. Only this run's writes count:
 * a part kept from an earlier update with its earlier error is not a new failure, and neither is a part the upstream
 * does not publish ({@code unpublished}: there was nothing to fetch, and its error only says so).
 */
final class PartErrorSink implements FeedSink {

    private static final String ERROR = ".error";
    private static final String UNPUBLISHED = ".unpublished";

    private final FeedSink sink;
    private final Map<String, String> errors = new TreeMap<>();
    private final java.util.Set<String> unpublished = new java.util.HashSet<>();

    PartErrorSink(FeedSink sink) {
        this.sink = sink;
    }

    /** {@code part → error} for each part this update recorded a failure of, by part name. */
    synchronized Map<String, String> errors() {
        Map<String, String> failed = new TreeMap<>(errors);
        failed.keySet().removeAll(unpublished);
        return Map.copyOf(failed);
    }

    @Override
    public void state(String key, String value) {
        if (key.startsWith(SourceStatus.PART) && key.endsWith(ERROR)) {
            String part = key.substring(SourceStatus.PART.length(), key.length() - ERROR.length());
            synchronized (this) {
                if (value == null || value.isEmpty()) {
                    errors.remove(part);
                } else {
                    errors.put(part, value);
                }
            }
        }
        if (key.startsWith(SourceStatus.PART) && key.endsWith(UNPUBLISHED)) {
            String part = key.substring(SourceStatus.PART.length(), key.length() - UNPUBLISHED.length());
            synchronized (this) {
                if (Boolean.parseBoolean(value)) {
                    unpublished.add(part);
                } else {
                    unpublished.remove(part);
                }
            }
        }
        sink.state(key, value);
    }

    @Override
    public void advisory(Advisory advisory) {
        sink.advisory(advisory);
    }

    @Override
    public void affected(AffectedPackage affected) {
        sink.affected(affected);
    }

    @Override
    public void kev(KevEntry entry) {
        sink.kev(entry);
    }

    @Override
    public void epss(EpssScore score) {
        sink.epss(score);
    }

    @Override
    public void cvss(String cve, Cvss cvss) {
        sink.cvss(cve, cvss);
    }

    @Override
    public Optional<String> previousState(String key) {
        return sink.previousState(key);
    }

    @Override
    public boolean keepPrevious() {
        return sink.keepPrevious();
    }

    @Override
    public void remove(String advisoryId) {
        sink.remove(advisoryId);
    }

    @Override
    public void progress(String message) {
        sink.progress(message);
    }
}
