package io.plimsoll.vuln.enrichment;

import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.Updater;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * NVD's CVE API 2.0 as enrichment: CVSS assessments for every CVE, and an {@code nvd} advisory carrying NVD's
 * description, dates and references, so a report can describe a CVE that a distro feed lists without text.
 *
 * <p>Over HTTP the API is paged ({@code startIndex}, {@code resultsPerPage} up to 2,000) and rate-limited (5
 * requests per 30 s without an API key, 50 with one), so a first full download of about 300,000 CVEs takes a
 * while. Later runs keep the previous data and ask only for what changed since the last run's cursor, with
 * {@code lastModStartDate}/{@code lastModEndDate} windows of at most 120 days (the API's limit).
 *
 * <p>In local mode ({@code --from DIR}) every {@code *.json} and {@code *.json.gz} in {@code DIR/nvd/} is read:
 * saved API pages or NVD's yearly {@code nvdcve-2.0-YYYY.json.gz} files, which have the same shape.
 */
public final class NvdUpdater implements Updater {

    public static final String NAME = "nvd";
    /** The state key of the incremental cursor: the instant the last successful run started asking. */
    public static final String CURSOR = "lastModified";
    static final int PAGE_SIZE = 2000;
    static final Duration MAX_WINDOW = Duration.ofDays(120);
    /** Windows start this much before the cursor, against clock skew between this host and NVD; re-reads are harmless. */
    static final Duration OVERLAP = Duration.ofHours(1);
    private static final Duration RATE_WINDOW = Duration.ofSeconds(30);

    /** Waits between API requests; injectable so tests do not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    // NVD's documented spelling: 2021-08-04T13:00:00.000+01:00, with the '+' percent-encoded so it is not a space
    private static final DateTimeFormatter QUERY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'%2B00:00'").withZone(ZoneOffset.UTC);

    private final Optional<String> apiKey;
    private final Sleeper sleeper;
    private final Clock clock;

    /** Without an API key: the slow rate limit. */
    public NvdUpdater() {
        this(Optional.empty());
    }

    /** {@code apiKey}: NVD's free API key (the CLI reads it from {@code NVD_API_KEY}); blank means none. */
    public NvdUpdater(Optional<String> apiKey) {
        this(apiKey, d -> Thread.sleep(d.toMillis()), Clock.systemUTC());
    }

    public NvdUpdater(Optional<String> apiKey, Sleeper sleeper, Clock clock) {
        this.apiKey = apiKey.map(String::strip).filter(k -> !k.isEmpty());
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The API endpoint itself, without a trailing slash: requests append {@code ?query} to it. The HTTP fetcher
     * resolves {@code baseUrl + pathAndQuery} by plain concatenation, which for a query-only path is also what
     * RFC 3986 resolution gives ({@code …/cves/2.0?startIndex=0…}). A mirror configured with a trailing slash
     * yields {@code …/cves/2.0/?startIndex=0…}, which NVD answers the same.
     */
    @Override
    public String defaultBaseUrl() {
        return "https://services.nvd.nist.gov/rest/json/cves/2.0";
    }

    @Override
    public String description() {
        return "NVD CVE API 2.0 (CVSS scores, descriptions and references for every CVE; set NVD_API_KEY for speed)";
    }

    /** The pause between two requests that keeps within NVD's rolling 30-second limit. */
    Duration pause() {
        return RATE_WINDOW.dividedBy(apiKey.isPresent() ? 50 : 5);
    }

    @Override
    public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException {
        if (fetcher.isLocal()) {
            updateFromFiles(fetcher, sink);
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Session session = new Session(fetcher, sink);
        Optional<Instant> since = sink.previousState(CURSOR).flatMap(FeedInput::instant);
        if (since.isPresent() && sink.keepPrevious()) {
            Instant from = since.get().minus(OVERLAP);
            while (from.isBefore(now)) {
                Instant to = from.plus(MAX_WINDOW).isBefore(now) ? from.plus(MAX_WINDOW) : now;
                session.query("lastModStartDate=" + QUERY_TIME.format(from) + "&lastModEndDate=" + QUERY_TIME.format(to) + "&");
                from = to;
            }
            sink.progress("updated " + session.written + " CVEs modified since " + since.get());
        } else {
            session.query("");
            sink.progress("read " + session.written + " CVEs (full download)");
        }
        session.report();
        sink.state(CURSOR, now.toString());
    }

    /** One run's requests against the API: paging, the rate-limit pauses and the tallies. */
    private final class Session {
        private final FeedFetcher fetcher;
        private final FeedSink sink;
        private final Map<String, String> headers;
        private int requests;
        long written;
        private long rejected;
        private long malformed;

        Session(FeedFetcher fetcher, FeedSink sink) {
            this.fetcher = fetcher;
            this.sink = sink;
            this.headers = apiKey.map(k -> Map.of("apiKey", k)).orElse(Map.of());
        }

        /** Pages through every result of one query; {@code filter} is empty or ends in {@code &}. */
        void query(String filter) throws FeedException {
            int start = 0;
            while (true) {
                if (requests++ > 0) {
                    sleep();
                }
                String pathAndQuery = "?" + filter + "startIndex=" + start + "&resultsPerPage=" + PAGE_SIZE;
                Path file = fetcher.fetchUncached(pathAndQuery, headers);
                NvdFile.Page page = NvdFile.read(file, sink);
                written += page.written();
                rejected += page.rejected();
                malformed += page.malformed();
                if (page.totalResults().isEmpty()) {
                    throw new FeedException(NAME, fetcher.baseUrl() + pathAndQuery, "the response has no totalResults");
                }
                int total = page.totalResults().getAsInt();
                start += page.count();
                if (start >= total) {
                    return;
                }
                if (page.count() == 0) {
                    // going on would ask for the same page forever; stopping silently would lose CVEs
                    throw new FeedException(NAME, fetcher.baseUrl() + pathAndQuery,
                            "the page is empty although totalResults says " + total);
                }
                sink.progress("read " + start + " of " + total + " CVEs");
            }
        }

        private void sleep() throws FeedException {
            try {
                sleeper.sleep(pause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FeedException(NAME, fetcher.baseUrl(), "interrupted while waiting for NVD's rate limit");
            }
        }

        void report() {
            if (rejected > 0) {
                sink.progress("skipped " + rejected + " rejected CVEs");
            }
            if (malformed > 0) {
                sink.progress("skipped " + malformed + " entries without a CVE id");
            }
        }
    }

    /**
     * Local mode: a full load from the files. The cursor recorded is the oldest file's production time (or, for a
     * file without a timestamp, its newest CVE change), so a later online run asks again for anything that changed
     * after the stalest file was made.
     */
    private void updateFromFiles(FeedFetcher fetcher, FeedSink sink) throws FeedException {
        List<String> files = fetcher.list("").stream()
                .filter(f -> f.endsWith(".json") || f.endsWith(".json.gz")).toList();
        if (files.isEmpty()) {
            throw new FeedException(NAME, fetcher.baseUrl(),
                    "no *.json or *.json.gz files (CVE API pages or nvdcve-2.0-YYYY.json.gz feeds) in the folder");
        }
        long written = 0;
        long rejected = 0;
        long malformed = 0;
        Optional<Instant> cursor = Optional.empty();
        for (String name : files) {
            NvdFile.Page page = NvdFile.read(fetcher.fetch(name), sink);
            written += page.written();
            rejected += page.rejected();
            malformed += page.malformed();
            Optional<Instant> made = page.timestamp().or(page::newest);
            if (made.isPresent() && (cursor.isEmpty() || made.get().isBefore(cursor.get()))) {
                cursor = made;
            }
            sink.progress("read " + name + ": " + page.written() + " CVEs");
        }
        if (rejected > 0) {
            sink.progress("skipped " + rejected + " rejected CVEs");
        }
        if (malformed > 0) {
            sink.progress("skipped " + malformed + " entries without a CVE id");
        }
        cursor.ifPresent(c -> sink.state(CURSOR, c.toString()));
        sink.progress("read " + written + " CVEs from " + files.size() + " files");
    }
}
