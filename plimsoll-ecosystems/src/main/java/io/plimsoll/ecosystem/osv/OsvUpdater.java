package io.plimsoll.ecosystem.osv;

import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OSV's per-ecosystem exports ({@code ECOSYSTEM/all.zip}) for the language ecosystems. Rows are filed under the OSV
 * ecosystem name ({@code Maven}, {@code PyPI}, …) with names normalised by {@link OsvEcosystem#key}. In
 * {@code --from DIR} mode an ecosystem whose zip is absent is skipped (a folder holding only Go and PyPI is fine);
 * over HTTP every configured ecosystem must be there.
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
        // a record affecting several ecosystems is in each of their zips: write its advisory once
        Set<String> advisories = new HashSet<>();
        List<String> missing = new ArrayList<>();
        for (OsvEcosystem eco : ecosystems) {
            String path = eco.osvName() + "/all.zip";
            Optional<Path> zip = fetcher.isLocal() ? fetcher.fetchIfPresent(path) : Optional.of(fetcher.fetch(path));
            if (zip.isEmpty()) {
                missing.add(eco.osvName());
                continue;
            }
            OsvRecordParser parser = parserFor(eco);
            OsvZip.read(NAME, zip.get(), limits, (entry, node) -> parser.parse(node).ifPresent(p -> {
                if (advisories.add(p.advisory().id())) {
                    sink.advisory(p.advisory());
                }
                p.affected().forEach(sink::affected);
            }));
            sink.progress(eco.osvName() + ": " + parser.stats());
        }
        if (missing.size() == ecosystems.size()) {
            throw new FeedException(NAME, fetcher.baseUrl(), "no ECOSYSTEM/all.zip for any of "
                    + String.join(", ", missing));
        }
        if (!missing.isEmpty()) {
            sink.progress("no all.zip for " + String.join(", ", missing) + " in the local folder: skipped");
        }
    }

    /** A parser keeping only {@code eco}'s affected entries, filed under its OSV name with normalised names. */
    static OsvRecordParser parserFor(OsvEcosystem eco) {
        return new OsvRecordParser(NAME, (ecosystem, name) -> ecosystem.equals(eco.osvName())
                ? Optional.of(new OsvRecordParser.Target(eco.osvName(), eco.key(name), eco.scheme(), eco.semverScheme()))
                : Optional.empty());
    }
}
