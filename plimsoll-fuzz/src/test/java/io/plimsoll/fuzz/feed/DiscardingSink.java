package io.plimsoll.fuzz.feed;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.feed.FeedSink;
import java.util.Optional;

/** A first update (no previous data) whose rows go nowhere: the targets look at parsing, not at storing. */
final class DiscardingSink implements FeedSink {

    @Override
    public void advisory(Advisory advisory) {
    }

    @Override
    public void affected(AffectedPackage affected) {
    }

    @Override
    public void kev(KevEntry entry) {
    }

    @Override
    public void epss(EpssScore score) {
    }

    @Override
    public void cvss(String cve, Cvss cvss) {
    }

    @Override
    public void state(String key, String value) {
    }

    @Override
    public Optional<String> previousState(String key) {
        return Optional.empty();
    }

    @Override
    public boolean keepPrevious() {
        return false;
    }

    @Override
    public void remove(String advisoryId) {
    }
}
