package io.plimsoll.vuln.feed;

import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.StoreBuilder;
import io.plimsoll.vuln.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs updaters into a new database file: sources in parallel, each one's failure isolated (its previous data is
 * kept, the others still update), and the file swapped in only when everything is written.
 */
public final class UpdateRunner {

    /** Where feeds come from: the network (with per-source base URL overrides) or a local folder per source. */
    public sealed interface Origin permits Network, LocalDirectory {
    }

    /** Download from each source's base URL, or its override; downloads are cached in {@code cacheDir}. */
    public record Network(Map<String, String> baseUrls, Path cacheDir, HttpSettings settings) implements Origin {
        public Network {
            baseUrls = Map.copyOf(baseUrls);
        }
    }

    /** {@code db update --from DIR}: {@code DIR/<source>/<upstream path>}. */
    public record LocalDirectory(Path root) implements Origin {
    }

    /**
     * What happened to one source: {@code ok} when all of it updated; {@code applied} when new data of it was
     * written, which a source made of parts (OSV's ecosystems) also is when only some of its parts failed.
     */
    public record Outcome(String source, String url, boolean ok, Optional<String> error, long records,
                          Duration took, boolean applied) {
    }

    public record Report(Path database, List<Outcome> outcomes, Duration took) {
        public boolean allOk() {
            return outcomes.stream().allMatch(Outcome::ok);
        }
    }

    private final List<Updater> updaters;
    private final FeedProgress progress;
    private final int parallelism;

    public UpdateRunner(List<Updater> updaters, FeedProgress progress, int parallelism) {
        this.updaters = List.copyOf(updaters);
        this.progress = progress;
        this.parallelism = Math.max(1, parallelism);
    }

    /**
     * Updates {@code database} from {@code origin}. A source with no files at all under {@code --from DIR} is kept as
     * it was (not an error), so a folder may hold only some sources. When no source brought new data (every one
     * failed or was kept), an existing file is left byte for byte as it was rather than rewritten.
     */
    public Report run(Path database, Origin origin) throws StoreException {
        long start = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        HttpClient client = origin instanceof Network n ? HttpFeedFetcher.client(n.settings()) : null;
        try (StoreBuilder builder = StoreBuilder.create(database)) {
            ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
                Thread t = new Thread(r, "feed-update");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Outcome>> futures = new ArrayList<>();
                for (Updater u : updaters) {
                    futures.add(pool.submit(() -> runOne(u, origin, client, builder)));
                }
                for (Future<Outcome> f : futures) {
                    try {
                        Outcome o = f.get();
                        if (o != null) {
                            outcomes.add(o);
                        }
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof StoreException se) {
                            throw se;
                        }
                        throw new IllegalStateException(e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new StoreException(database, "update interrupted");
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            boolean nothingNew = outcomes.stream().noneMatch(Outcome::applied);
            if (!(nothingNew && Files.exists(database))) {
                builder.commit();
            }
        }
        return new Report(database, outcomes, Duration.ofNanos(System.nanoTime() - start));
    }

    private Outcome runOne(Updater updater, Origin origin, HttpClient client, StoreBuilder builder)
            throws StoreException {
        String name = updater.name();
        long start = System.nanoTime();
        FeedFetcher fetcher;
        if (origin instanceof LocalDirectory local) {
            Path dir = local.root().resolve(name);
            if (!Files.isDirectory(dir)) {
                builder.keep(name);
                progress.finished(name, true, "no " + name + "/ folder in " + local.root() + ": kept as it was");
                return null;
            }
            fetcher = new LocalFeedFetcher(name, dir);
        } else {
            Network net = (Network) origin;
            String base = net.baseUrls().getOrDefault(name, updater.defaultBaseUrl());
            Map<String, String> validators = builder.previous(name).map(SourceStatus::validators).orElse(Map.of());
            fetcher = new HttpFeedFetcher(name, base, net.cacheDir().resolve(name), client, net.settings(), progress,
                    validators);
        }
        PartErrorSink sink = new PartErrorSink(builder.sink(name));
        try {
            updater.update(fetcher, sink);
            Map<String, String> validators = fetcher instanceof HttpFeedFetcher h ? h.validators() : Map.of();
            String checksum = fetcher instanceof HttpFeedFetcher h ? h.checksum() : "";
            builder.succeeded(name, fetcher.baseUrl(), validators, checksum);
            long records = builder.results().get(name).records();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (!sink.errors().isEmpty()) {
                String error = partErrors(name, sink.errors());
                progress.finished(name, false, error);
                return new Outcome(name, fetcher.baseUrl(), false, Optional.of(error), records, took, true);
            }
            progress.finished(name, true, String.format("%,d records", records));
            return new Outcome(name, fetcher.baseUrl(), true, Optional.empty(), records, took, true);
        } catch (FeedException e) {
            return failed(builder, name, fetcher, start, e.subject() + ": " + e.reason());
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            return failed(builder, name, fetcher, start, e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (RuntimeException e) {
            // a parser defect on one source's data (a record it did not expect) must not abort the other sources
            return failed(builder, name, fetcher, start, "cannot read the feed (" + e + ")");
        }
    }

    private Outcome failed(StoreBuilder builder, String name, FeedFetcher fetcher, long start, String error)
            throws StoreException {
        builder.failed(name, fetcher.baseUrl(), error);
        boolean kept = builder.previous(name).isPresent();
        progress.finished(name, false, error + (kept ? " (kept the previous data)" : ""));
        return new Outcome(name, fetcher.baseUrl(), false, Optional.of(error),
                builder.results().get(name).records(), Duration.ofNanos(System.nanoTime() - start), false);
    }

    /** "osv/PyPI: /feeds/osv/PyPI/all.zip: not a regular file (a directory) (its older data, … updated)". */
    private static String partErrors(String source, Map<String, String> errors) {
        List<String> each = new ArrayList<>();
        errors.forEach((part, error) -> each.add(source + "/" + part + ": "
                + (error.startsWith(source + ": ") ? error.substring(source.length() + 2) : error)));
        return String.join("; ", each) + " (its older data, if any, is kept; the other parts updated)";
    }
}
