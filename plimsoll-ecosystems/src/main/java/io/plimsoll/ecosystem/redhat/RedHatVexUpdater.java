package io.plimsoll.ecosystem.redhat;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Red Hat's CSAF VEX feed: one document per CVE with the status of every RHEL package (fixed in which build,
 * will not fix, fix deferred, not affected), see {@link VexDocumentParser}.
 *
 * <p>Upstream publishes the whole corpus as {@code csaf_vex_YYYY-MM-DD.tar.zst} (named in
 * {@code archive_latest.txt}) and lists documents changed or deleted since then in {@code changes.csv} and
 * {@code deletions.csv}. A full update reads the archive and the documents changed after it; when the previous
 * update read the same archive, only what changed since that update is fetched and the previous rows are kept.
 * A deletion since the last update removes that advisory's rows; a withdrawn document does the same.
 */
public final class RedHatVexUpdater implements Updater {

    public static final String NAME = "redhat";
    static final String LATEST = "archive_latest.txt";
    static final String CHANGES = "changes.csv";
    static final String DELETIONS = "deletions.csv";
    /** State: the archive the rows were built from, and the newest change/deletion time applied on top of it. */
    static final String STATE_ARCHIVE = "archive";
    static final String STATE_CURSOR = "cursor";

    private static final Pattern ARCHIVE = Pattern.compile("csaf_vex_(\\d{4}-\\d{2}-\\d{2})\\.tar\\.zst");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://security.access.redhat.com/data/csaf/v2/vex/";
    }

    @Override
    public String description() {
        return "Red Hat CSAF VEX: RHEL package fixes, will-not-fix and deferred statuses, module streams";
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException, IOException {
        String archive = latestArchive(fetcher);
        Instant built = archiveDate(archive);
        List<VexChanges.Entry> changes = changes(fetcher, CHANGES);
        List<VexChanges.Entry> deletions = changes(fetcher, DELETIONS);
        Instant newest = built;
        for (List<VexChanges.Entry> list : List.of(changes, deletions)) {
            for (VexChanges.Entry e : list) {
                newest = e.time().isAfter(newest) ? e.time() : newest;
            }
        }
        Optional<Instant> cursor = sink.previousState(STATE_ARCHIVE).filter(archive::equals)
                .flatMap(a -> sink.previousState(STATE_CURSOR)).flatMap(RedHatVexUpdater::instant);
        Stats stats = new Stats();
        if (cursor.isPresent() && incremental(fetcher, sink, Delta.of(changes, deletions, t -> t.isAfter(cursor.get())), stats)) {
            newest = newest.isAfter(cursor.get()) ? newest : cursor.get();
        } else {
            stats = new Stats();
            full(fetcher, sink, archive, Delta.of(changes, deletions, t -> !t.isBefore(built)), stats);
        }
        sink.state(STATE_ARCHIVE, archive);
        sink.state(STATE_CURSOR, newest.toString());
        sink.progress(stats.summary());
    }

    /**
     * Applies the documents changed or deleted since the last update on top of the previous rows. Returns false,
     * having written nothing, when there are no previous rows to apply them to.
     */
    private boolean incremental(FeedFetcher fetcher, FeedSink sink, Delta delta, Stats stats) throws FeedException {
        List<VexRecord> records = new ArrayList<>();
        for (Map.Entry<String, Path> doc : fetchChanged(fetcher, delta, stats).entrySet()) {
            records.add(parseFile(fetcher.source(), doc.getKey(), doc.getValue()));
        }
        if (!sink.keepPrevious()) {
            return false;
        }
        for (String path : delta.deleted()) {
            sink.remove(advisoryIdOf(path));
        }
        for (VexRecord r : records) {
            if (r.deleted()) {
                // a withdrawn document takes its previous rows with it
                sink.remove(r.id());
            } else {
                write(sink, r, stats);
            }
        }
        if (!delta.deleted().isEmpty()) {
            sink.progress(delta.deleted().size() + " VEX documents deleted since the last update: their rows removed");
        }
        return true;
    }

    /** {@code 2024/cve-2024-0001.json} → {@code CVE-2024-0001}: VEX documents are named after their tracking id. */
    static String advisoryIdOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.endsWith(".json")) {
            name = name.substring(0, name.length() - ".json".length());
        }
        return name.toUpperCase(java.util.Locale.ROOT);
    }

    private void full(FeedFetcher fetcher, FeedSink sink, String archive, Delta delta, Stats stats) throws FeedException {
        Map<String, Path> changed = fetchChanged(fetcher, delta, stats);
        Set<String> skip = new HashSet<>(delta.deleted());
        skip.addAll(changed.keySet()); // the archive's copy is older than the one just fetched
        Path file = fetcher.fetch(archive);
        VexArchive.read(fetcher.source(), archive, file, skip, r -> write(sink, r, stats), sink::progress);
        for (Map.Entry<String, Path> doc : changed.entrySet()) {
            write(sink, parseFile(fetcher.source(), doc.getKey(), doc.getValue()), stats);
        }
    }

    /**
     * The changed documents that are still published. One listed in changes.csv but gone (HTTP 404) is left out;
     * the copy in the archive, or from the last update, stays.
     */
    private static Map<String, Path> fetchChanged(FeedFetcher fetcher, Delta delta, Stats stats) throws FeedException {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String path : delta.changed()) {
            Optional<Path> file = fetcher.fetchIfPresent(path);
            if (file.isPresent()) {
                out.put(path, file.get());
            } else {
                stats.missing++;
            }
        }
        return out;
    }

    /** Writes a parsed document; called from the archive's parser threads too (sinks are thread-safe). */
    private static void write(FeedSink sink, VexRecord r, Stats stats) {
        synchronized (stats) {
            stats.count(r);
        }
        if (!r.deleted()) {
            sink.advisory(r.advisory());
            for (AffectedPackage a : r.affected()) {
                sink.affected(a);
            }
        }
    }

    private static VexRecord parseFile(String source, String path, Path file) throws FeedException {
        return VexDocumentParser.parse(source, path, FeedFiles.readJson(source, file));
    }

    /** The archive name in {@code archive_latest.txt}, checked, because it becomes a path to fetch. */
    private static String latestArchive(FeedFetcher fetcher) throws FeedException {
        Path file = fetcher.fetch(LATEST);
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new FeedException(fetcher.source(), LATEST, "cannot read: " + e.getMessage(), e);
        }
        if (text.startsWith("<")) {
            throw new FeedException(fetcher.source(), LATEST,
                    "expected an archive name but got an HTML page (a proxy, captive portal or error page?)");
        }
        if (!ARCHIVE.matcher(text).matches()) {
            throw new FeedException(fetcher.source(), LATEST, "does not name a csaf_vex_YYYY-MM-DD.tar.zst archive: "
                    + (text.length() > 80 ? text.substring(0, 80) + "…" : text));
        }
        return text;
    }

    /** Midnight UTC of the day in the archive's name: changes from that day on may be newer than the archive. */
    static Instant archiveDate(String archive) throws FeedException {
        Matcher m = ARCHIVE.matcher(archive);
        try {
            if (m.matches()) {
                return LocalDate.parse(m.group(1)).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        } catch (DateTimeParseException e) {
            // falls through to the error below
        }
        throw new FeedException(NAME, LATEST, "not a valid archive date in " + archive);
    }

    private static List<VexChanges.Entry> changes(FeedFetcher fetcher, String name) throws FeedException {
        Optional<Path> file = fetcher.fetchIfPresent(name);
        return file.isEmpty() ? List.of() : VexChanges.read(fetcher.source(), name, file.get());
    }

    private static Optional<Instant> instant(String s) {
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // an unreadable cursor means a full update, not a failed one
        }
    }

    /**
     * Which documents to fetch and which to drop, from the change and deletion lists after a point in time. A
     * document both changed and deleted counts as whichever happened last.
     */
    record Delta(List<String> changed, Set<String> deleted) {

        static Delta of(List<VexChanges.Entry> changes, List<VexChanges.Entry> deletions, Predicate<Instant> after) {
            Map<String, Instant> changedAt = new LinkedHashMap<>();
            Map<String, Instant> deletedAt = new HashMap<>();
            for (VexChanges.Entry e : changes) {
                if (after.test(e.time())) {
                    changedAt.merge(e.path(), e.time(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            for (VexChanges.Entry e : deletions) {
                if (after.test(e.time())) {
                    deletedAt.merge(e.path(), e.time(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            List<String> changed = new ArrayList<>();
            changedAt.forEach((path, t) -> {
                Instant d = deletedAt.get(path);
                if (d == null || t.isAfter(d)) {
                    changed.add(path);
                }
            });
            Set<String> deleted = new HashSet<>(deletedAt.keySet());
            deleted.removeAll(changed);
            return new Delta(List.copyOf(changed), Set.copyOf(deleted));
        }
    }

    private static final class Stats {
        int documents;
        int withdrawn;
        int missing;
        long rows;
        int skipped;
        String firstSkip;

        void count(VexRecord r) {
            documents++;
            if (r.deleted()) {
                withdrawn++;
                return;
            }
            rows += r.affected().size();
            if (r.skipped() > 0) {
                skipped += r.skipped();
                if (firstSkip == null) {
                    firstSkip = r.id() + ": " + r.firstSkipReason();
                }
            }
        }

        String summary() {
            StringBuilder s = new StringBuilder("read " + documents + " VEX documents, " + rows + " RHEL package rows");
            if (withdrawn > 0) {
                s.append(", ").append(withdrawn).append(" withdrawn");
            }
            if (missing > 0) {
                s.append(", ").append(missing).append(" listed in changes.csv but no longer published");
            }
            if (skipped > 0) {
                s.append(", ").append(skipped).append(" unreadable components skipped (first: ").append(firstSkip).append(')');
            }
            return s.toString();
        }
    }
}
