package io.plimsoll.vuln.testing;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.feed.FeedSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A sink that keeps everything in memory, progress lines included, for updater tests. */
public final class RecordingSink implements FeedSink {

    public final List<Advisory> advisories = new ArrayList<>();
    public final List<AffectedPackage> affected = new ArrayList<>();
    public final List<KevEntry> kev = new ArrayList<>();
    public final List<EpssScore> epss = new ArrayList<>();
    public final Map<String, List<Cvss>> cvss = new HashMap<>();
    public final Map<String, String> state = new HashMap<>();
    /** What the updater reported, where updaters say what they skipped and why. */
    public final List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> previous;
    private final boolean hasPrevious;
    public int keepPreviousCalls;

    public RecordingSink() {
        this(Map.of(), false);
    }

    /** A sink whose "previous database" had this source with the given state. */
    public RecordingSink(Map<String, String> previousState, boolean hasPrevious) {
        this.previous = Map.copyOf(previousState);
        this.hasPrevious = hasPrevious;
    }

    @Override
    public synchronized void advisory(Advisory advisory) {
        advisories.add(advisory);
    }

    @Override
    public synchronized void affected(AffectedPackage a) {
        affected.add(a);
    }

    @Override
    public synchronized void kev(KevEntry entry) {
        kev.add(entry);
    }

    @Override
    public synchronized void epss(EpssScore score) {
        epss.add(score);
    }

    @Override
    public synchronized void cvss(String cve, Cvss c) {
        cvss.computeIfAbsent(cve, k -> new ArrayList<>()).add(c);
    }

    @Override
    public synchronized void state(String key, String value) {
        state.put(key, value);
    }

    @Override
    public Optional<String> previousState(String key) {
        return Optional.ofNullable(previous.get(key));
    }

    @Override
    public synchronized boolean keepPrevious() {
        keepPreviousCalls++;
        return hasPrevious;
    }

    public final List<String> removed = new ArrayList<>();

    @Override
    public synchronized void remove(String advisoryId) {
        removed.add(advisoryId);
        advisories.removeIf(a -> a.id().equals(advisoryId));
        affected.removeIf(a -> a.advisoryId().equals(advisoryId));
    }

    @Override
    public void progress(String message) {
        progress.add(message);
    }

    /** Every progress line, one per line. */
    public String allProgress() {
        synchronized (progress) {
            return String.join("\n", progress);
        }
    }

    /** The affected rows for one namespace and package name. */
    public synchronized List<AffectedPackage> affected(String namespace, String name) {
        return affected.stream().filter(a -> a.namespace().equals(namespace) && a.name().equals(name)).toList();
    }

    public synchronized Optional<Advisory> advisory(String id) {
        return advisories.stream().filter(a -> a.id().equals(id)).findFirst();
    }
}
