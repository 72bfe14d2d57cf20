package io.plimsoll.ecosystem;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.testing.RecordingSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A {@link RecordingSink} that also keeps the progress lines, where updaters report what they skipped. */
public final class ProgressSink implements FeedSink {

    public final RecordingSink rows = new RecordingSink();
    public final List<String> progress = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void advisory(Advisory advisory) {
        rows.advisory(advisory);
    }

    @Override
    public void affected(AffectedPackage affected) {
        rows.affected(affected);
    }

    @Override
    public void kev(KevEntry entry) {
        rows.kev(entry);
    }

    @Override
    public void epss(EpssScore score) {
        rows.epss(score);
    }

    @Override
    public void cvss(String cve, Cvss cvss) {
        rows.cvss(cve, cvss);
    }

    @Override
    public void state(String key, String value) {
        rows.state(key, value);
    }

    @Override
    public Optional<String> previousState(String key) {
        return rows.previousState(key);
    }

    @Override
    public boolean keepPrevious() {
        return rows.keepPrevious();
    }

    @Override
    public void remove(String advisoryId) {
        rows.remove(advisoryId);
    }

    @Override
    public void progress(String message) {
        progress.add(message);
    }
}
