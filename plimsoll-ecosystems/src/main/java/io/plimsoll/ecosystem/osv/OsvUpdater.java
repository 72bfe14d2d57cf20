package io.plimsoll.ecosystem.osv;

import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.store.SourceStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OSV's per-ecosystem exports ({@code ECOSYSTEM/all.zip}) for the language ecosystems. Rows are filed under the OSV
 * ecosystem name ({@code Maven}, {@code PyPI}, …) with names normalised by {@link OsvEcosystem#key}. Each ecosystem
 * is a part of the source with its own age and error ({@link SourceStatus#parts}), so a scan is judged by the
 * ecosystems its image holds: in {@code --from DIR} mode an ecosystem whose zip is absent and that no earlier update
 * brought is skipped (a folder holding only Go and PyPI is fine, and an image with npm packages then lacks
 * {@code osv/npm}); an ecosystem whose zip cannot be fetched, whose path is not a regular file, or that an earlier
 * update brought and the folder no longer holds, fails alone and keeps its older rows, while the others are
 * updated. (An
 * advisory that names a failed ecosystem and a fetched one is rewritten from the fetched zip only.)
 */
public final class OsvUpdater implements Updater {

    public static final String NAME = "osv";
    public static final String BASE_URL = "https://osv-vulnerabilities.storage.googleapis.com/";

    private final List<OsvEcosystem> ecosystems;
    private final OsvZip.Limits limits;

    public OsvUpdater() {
        this(List.of(OsvEcosystem.values()));
    }

    public OsvUpdater(List<OsvEcosystem> ecosystems) {
        this(ecosystems, OsvZip.Limits.DEFAULT);
    }

    OsvUpdater(List<OsvEcosystem> ecosystems, OsvZip.Limits limits) {
        this.ecosystems = List.copyOf(ecosystems);
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultBaseUrl() {
        return BASE_URL;
    }

    @Override
    public String description() {
        return "OSV advisories for " + String.join(", ", ecosystems.stream().map(OsvEcosystem::osvName).toList());
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException {
        // every zip is fetched before anything is written: whether the previous rows must be kept depends on it
        Map<OsvEcosystem, Path> zips = new LinkedHashMap<>();
        Map<OsvEcosystem, String> failed = new LinkedHashMap<>();
        Map<OsvEcosystem, FeedException> failures = new LinkedHashMap<>();
        List<String> absent = new ArrayList<>();
        for (OsvEcosystem eco : ecosystems) {
            String path = eco.osvName() + "/all.zip";
            try {
                Optional<Path> zip = fetcher.isLocal() ? fetcher.fetchIfPresent(path) : Optional.of(fetcher.fetch(path));
                if (zip.isEmpty() && updatedBefore(sink, eco)) {
                    // a folder that no longer holds an ecosystem it once brought: its data only ages from now on,
                    // which is a failure to say (exit 1), not a quiet "ok"
                    zip = Optional.of(fetcher.fetch(path));
                }
                zip.ifPresentOrElse(z -> zips.put(eco, z), () -> absent.add(eco.osvName()));
            } catch (FeedException e) {
                // one ecosystem's export missing from a mirror (HTTP 404) or failing must not drop the others
                failed.put(eco, e.getMessage());
                failures.put(eco, e);
            }
        }
        if (zips.isEmpty()) {
            throw new FeedException(NAME, fetcher.baseUrl(), failed.isEmpty()
                    ? "no ECOSYSTEM/all.zip for any of " + String.join(", ", absent)
                    : "no ecosystem could be fetched: " + byReason(failures));
        }
        // a failed ecosystem keeps its older rows (and its older age), and so does one whose zip is absent from a
        // local folder (as a source without a folder is kept); the fetched ones replace theirs
        boolean kept = (!failed.isEmpty() || !absent.isEmpty()) && sink.keepPrevious();
        // a record affecting several ecosystems is in each of their zips: write its advisory once
        Set<String> advisories = new HashSet<>();
        String now = Instant.now().toString();
        for (Map.Entry<OsvEcosystem, Path> e : zips.entrySet()) {
            OsvEcosystem eco = e.getKey();
            OsvRecordParser parser = parserFor(eco);
            long[] rows = {0};
            OsvZip.read(NAME, e.getValue(), limits, (entry, node) -> parser.parse(node).ifPresent(p -> {
                if (advisories.add(p.advisory().id())) {
                    sink.advisory(p.advisory());
                }
                p.affected().forEach(sink::affected);
                rows[0] += p.affected().size();
            }));
            sink.state(SourceStatus.partKey(eco.osvName(), "updated"), now);
            sink.state(SourceStatus.partKey(eco.osvName(), "error"), "");
            sink.state(SourceStatus.partKey(eco.osvName(), "records"), Long.toString(rows[0]));
            sink.progress(eco.osvName() + ": " + parser.stats());
        }
        for (Map.Entry<OsvEcosystem, String> e : failed.entrySet()) {
            String part = e.getKey().osvName();
            sink.state(SourceStatus.partKey(part, "error"), e.getValue());
            if (!kept) {
                sink.state(SourceStatus.partKey(part, "updated"), "");
                sink.state(SourceStatus.partKey(part, "records"), "0");
            }
            sink.progress(part + " failed (" + e.getValue() + ")" + (kept ? ": its older data is kept" : ""));
        }
        if (!absent.isEmpty()) {
            sink.progress("no all.zip for " + String.join(", ", absent) + " in the local folder: "
                    + (kept ? "kept as it was" : "skipped"));
        }
    }

    private static boolean updatedBefore(FeedSink sink, OsvEcosystem eco) {
        return sink.previousState(SourceStatus.partKey(eco.osvName(), "updated")).filter(u -> !u.isEmpty()).isPresent();
    }

    /** "Maven/all.zip, npm/all.zip: unknown host …; Go/all.zip: HTTP 503": one line however many ecosystems share a cause (no network). */
    private static String byReason(Map<OsvEcosystem, FeedException> failures) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        failures.forEach((eco, e) -> byReason.computeIfAbsent(e.reason(), r -> new ArrayList<>())
                .add(eco.osvName() + "/all.zip"));
        List<String> parts = new ArrayList<>();
        byReason.forEach((reason, ecos) -> parts.add(String.join(", ", ecos) + ": " + reason));
        return String.join("; ", parts);
    }

    /** A parser keeping only {@code eco}'s affected entries, filed under its OSV name with normalised names. */
    static OsvRecordParser parserFor(OsvEcosystem eco) {
        return new OsvRecordParser(NAME, (ecosystem, name) -> ecosystem.equals(eco.osvName())
                ? Optional.of(new OsvRecordParser.Target(eco.osvName(), eco.key(name), eco.scheme(), eco.semverScheme()))
                : Optional.empty());
    }
}
