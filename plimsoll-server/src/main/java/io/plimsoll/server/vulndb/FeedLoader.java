package io.plimsoll.server.vulndb;

import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.HttpFeedFetcher;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.feed.Updater;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Runs the CLI's updaters ({@code Ecosystems.updaters(..)}) into PostgreSQL. Each source is loaded in its own
 * transaction on its own connection ({@link PgFeedSink}): a source whose update fails is rolled back, so its previous
 * rows stay, and the other sources still update. Each source update that changed the source's content records an
 * {@code update_operation} with the added and removed affected rows as its {@code update_diff}.
 *
 * <p>Origins are the CLI's: {@link UpdateRunner.Network} (base URL per source, downloads cached per source) or
 * {@link UpdateRunner.LocalDirectory} ({@code --from DIR}; a source without a folder there is left as it is).
 */
public final class FeedLoader {

    /** The tables that hold one source's rows, each with a {@code source} column. */
    static final List<String> TABLES = List.of("advisory", "affected", "kev", "epss", "cvss");

    /**
     * What happened to one source.
     *
     * @param operation the update operation recorded when the content changed
     * @param added     affected rows added by this update (0 when unchanged or failed)
     */
    public record SourceResult(String source, String url, boolean ok, Optional<String> error, long records,
                               Optional<UUID> operation, int added, int removed, Duration took) {
    }

    public record Result(List<SourceResult> sources, Duration took) {

        public boolean allOk() {
            return sources.stream().allMatch(SourceResult::ok);
        }

        public Optional<SourceResult> source(String name) {
            return sources.stream().filter(s -> s.source().equals(name)).findFirst();
        }
    }

    private final DataSource dataSource;
    private final List<Updater> updaters;
    private final FeedProgress progress;
    private final int parallelism;
    private final Clock clock;

    /**
     * @param parallelism sources loaded at once (each holds one pooled connection while it loads)
     */
    public FeedLoader(DataSource dataSource, List<Updater> updaters, FeedProgress progress, int parallelism,
                      Clock clock) {
        this.dataSource = dataSource;
        this.updaters = List.copyOf(updaters);
        this.progress = progress;
        this.parallelism = Math.max(1, parallelism);
        this.clock = clock;
    }

    public List<Updater> updaters() {
        return updaters;
    }

    /** Loads every updater from {@code origin}; one source's failure never stops the others. */
    public Result load(UpdateRunner.Origin origin) throws InterruptedException {
        return load(origin, source -> true);
    }

    /**
     * Loads the updaters {@code enabled} accepts (a source switched off keeps its data as it is and is not in the
     * result); one source's failure never stops the others.
     */
    public Result load(UpdateRunner.Origin origin, java.util.function.Predicate<String> enabled)
            throws InterruptedException {
        long start = System.nanoTime();
        HttpClient client = origin instanceof UpdateRunner.Network n ? HttpFeedFetcher.client(n.settings()) : null;
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "feed-load");
            t.setDaemon(true);
            return t;
        });
        List<SourceResult> results = new ArrayList<>();
        try {
            List<Future<Optional<SourceResult>>> futures = new ArrayList<>();
            for (Updater u : updaters) {
                if (!enabled.test(u.name())) {
                    progress.finished(u.name(), true, "switched off (Anchore feed config): kept as it was");
                    continue;
                }
                futures.add(pool.submit(() -> loadOne(u, origin, client)));
            }
            for (Future<Optional<SourceResult>> f : futures) {
                try {
                    f.get().ifPresent(results::add);
                } catch (ExecutionException e) {
                    // loadOne turns every failure into a result; this is a bug, not a feed problem
                    throw new IllegalStateException("feed load crashed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(results, Duration.ofNanos(System.nanoTime() - start));
    }

    private Optional<SourceResult> loadOne(Updater updater, UpdateRunner.Origin origin, HttpClient client) {
        String name = updater.name();
        long start = System.nanoTime();
        if (origin instanceof UpdateRunner.LocalDirectory local && !Files.isDirectory(local.root().resolve(name))) {
            progress.finished(name, true, "no " + name + "/ folder in " + local.root() + ": kept as it was");
            return Optional.empty();
        }
        String url = origin instanceof UpdateRunner.Network net
                ? net.baseUrls().getOrDefault(name, updater.defaultBaseUrl())
                : ((UpdateRunner.LocalDirectory) origin).root().resolve(name).toAbsolutePath().toUri().toString();
        String error;
        try (Connection c = dataSource.getConnection()) {
            PgFeedSink sink = new PgFeedSink(c, name, clock);
            try {
                sink.begin();
                FeedFetcher fetcher = fetcher(updater, origin, client, sink);
                updater.update(fetcher, sink);
                Map<String, String> validators = fetcher instanceof HttpFeedFetcher h ? h.validators() : Map.of();
                PgFeedSink.Outcome o = sink.commit(fetcher.baseUrl(), validators);
                progress.finished(name, true, String.format("%,d records%s", o.records(),
                        o.operation().map(r -> ", +" + o.added() + " -" + o.removed() + " affected").orElse(", unchanged")));
                return Optional.of(new SourceResult(name, fetcher.baseUrl(), true, Optional.empty(), o.records(),
                        o.operation(), o.added(), o.removed(), Duration.ofNanos(System.nanoTime() - start)));
            } catch (FeedException e) {
                error = e.subject() + ": " + e.reason();
            } catch (Exception e) {
                error = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            long kept = sink.rollback(url, error);
            progress.finished(name, false, error + (kept > 0 ? " (kept the previous data)" : ""));
            return Optional.of(new SourceResult(name, url, false, Optional.of(error), kept, Optional.empty(), 0, 0,
                    Duration.ofNanos(System.nanoTime() - start)));
        } catch (SQLException e) {
            error = "database: " + e.getMessage();
            progress.finished(name, false, error);
            return Optional.of(new SourceResult(name, url, false, Optional.of(error), 0, Optional.empty(), 0, 0,
                    Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private FeedFetcher fetcher(Updater updater, UpdateRunner.Origin origin, HttpClient client,
                                       PgFeedSink sink) {
        String name = updater.name();
        if (origin instanceof UpdateRunner.LocalDirectory local) {
            return new LocalFeedFetcher(name, local.root().resolve(name));
        }
        UpdateRunner.Network net = (UpdateRunner.Network) origin;
        String base = net.baseUrls().getOrDefault(name, updater.defaultBaseUrl());
        Path cache = net.cacheDir().resolve(name);
        return new HttpFeedFetcher(name, base, cache, client, net.settings(), progress,
                sink.previousValidators());
    }
}
