package io.plimsoll.server.analysis;

import io.micrometer.core.instrument.Gauge;
import io.plimsoll.app.MatchService;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.analysis.AnalysisRepository.Job;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.query.QueryIndex;
import io.plimsoll.vuln.store.VulnStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The analysis workers of one replica (role INDEXER): {@code analysis.workers} threads take jobs from the shared
 * queue every {@code analysis.poll}, renew each job's lease while it runs (a third of {@code analysis.lease}), and
 * complete it only while they still hold it. A job of a replica that died is taken over once its lease expires;
 * one that fails {@link #DEFAULT_MAX_ATTEMPTS} times is marked failed with its last error. Closing gives running
 * jobs back to the queue so another replica starts them at once.
 */
public final class AnalysisWorkerModule implements ServerModule {

    static final int DEFAULT_MAX_ATTEMPTS = 3;

    private final ServerContext ctx;
    private final AnalysisRepository repo;
    private final Analyzer analyzer;
    private final int maxAttempts;
    private final ServerConfig.Analysis settings;
    private Optional<MatchService> matcher = Optional.empty();
    /** Evaluates a finished analysis for the UI's images table (its stored evaluation); with {@link #matcher}. */
    private Optional<ImageCatalog> catalog = Optional.empty();
    private final String owner;
    private final AtomicLong depth = new AtomicLong();
    private final Map<Long, Job> running = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private ScheduledExecutorService heartbeat;
    private volatile boolean stopping;
    private volatile boolean halted;

    /** @param registry credentials and insecure registries for pulls; null: anonymous plus ~/.docker/config.json */
    public AnalysisWorkerModule(ServerContext ctx, RegistrySettings registry) throws io.plimsoll.image.ImageException {
        this(ctx, registry, null);
    }

    /**
     * @param store the vulnerability data a finished analysis is first matched against, for the query tables;
     *              null: its findings are indexed at its first match through the API instead
     */
    public AnalysisWorkerModule(ServerContext ctx, RegistrySettings registry, VulnStore store)
            throws io.plimsoll.image.ImageException {
        this(ctx, analyzer(ctx, registry != null ? registry
                : RegistrySettings.defaults(io.plimsoll.image.registry.DockerConfig.fromEnvironment())),
                DEFAULT_MAX_ATTEMPTS);
        this.matcher = Optional.ofNullable(store).map(MatchService::new);
        this.catalog = Optional.ofNullable(store).map(s -> new ImageCatalog(ctx, s));
    }

    /** Pulls with the credentials each account registered ({@code /v1/registries}) for the registry it names. */
    private static Analyzer analyzer(ServerContext ctx, RegistrySettings registry)
            throws io.plimsoll.image.ImageException {
        return new RegistryAnalyzer(registry, Math.max(1, Math.min(4, ctx.config().indexer().layerParallelism())),
                new io.plimsoll.image.net.AddressGuard(ctx.config().indexer().allowPrivateAddresses()),
                new io.plimsoll.server.registry.RegistryAccess(ctx, registry), ctx.config().indexer().imageLimits(),
                ctx.database().dataSource(), ctx.indexing());
    }

    AnalysisWorkerModule(ServerContext ctx, Analyzer analyzer, int maxAttempts) {
        this.ctx = ctx;
        this.repo = new AnalysisRepository(ctx.database());
        this.analyzer = analyzer;
        this.maxAttempts = maxAttempts;
        this.settings = ctx.config().analysis();
        this.owner = ctx.instanceId();
    }

    @Override
    public String name() {
        return "analysis-workers";
    }

    @Override
    public void start() {
        Gauge.builder("plimsoll_queue_depth", depth, AtomicLong::get).tag("queue", "analysis")
                .description("analysis jobs queued or running, across all replicas").register(ctx.metrics());
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "analysis-heartbeat"));
        long renewMillis = Math.max(50, settings.lease().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renewAll, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
        heartbeat.scheduleWithFixedDelay(this::measureDepth, 0, Math.max(100, settings.poll().toMillis()),
                TimeUnit.MILLISECONDS);
        analyzer.started(ctx.log());
        for (int i = 0; i < settings.workers(); i++) {
            Thread t = daemon(this::work, "analysis-worker-" + i);
            workers.add(t);
            t.start();
        }
    }

    /** The finished image's first verdict; without one the UI re-makes it in the background, so a failure waits. */
    private void evaluate(Job job, Optional<List<io.plimsoll.vuln.match.Finding>> findings) {
        if (catalog.isEmpty() || findings.isEmpty()) {
            return;
        }
        try {
            catalog.get().analysed(job.account(), job.imageId(), findings.get());
        } catch (Exception | LinkageError e) {
            ctx.log().warn("cannot store the first evaluation of an analysis", "job", job.id(), "error",
                    String.valueOf(e.getMessage()));
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void work() {
        while (!stopping) {
            Job job;
            try {
                job = repo.take(owner, settings.lease(), maxAttempts).orElse(null);
            } catch (Exception e) {
                ctx.log().warn("analysis queue unavailable", "error", e.getMessage());
                job = null;
            }
            if (job == null) {
                if (!sleep(settings.poll())) {
                    return;
                }
                continue;
            }
            run(job);
        }
    }

    private void run(Job job) {
        running.put(job.id(), job);
        long started = System.nanoTime();
        ctx.log().info("analysis started", "job", job.id(), "image", job.pullReference(), "attempt", job.attempts());
        try {
            Analysis a = analyzer.analyze(job.account(), job.pullReference(), digest -> {
                try {
                    return repo.analysed(digest);
                } catch (Exception e) {
                    return false;
                }
            }, repo.pullAccess(job.imageId()));
            if (stopping && !halted) {
                releaseQuietly(job);
                return;
            }
            // the first match, for the query tables; later matches (the API's, per request) keep them current
            Optional<List<io.plimsoll.vuln.match.Finding>> matched = a.document().flatMap(d -> matcher.map(m ->
                    m.findings(d.inventory())));
            Optional<List<QueryIndex.FindingRow>> findings = matched.map(l -> l.stream()
                    .map(AnchoreViews::findingRow).toList());
            if (repo.complete(job, owner, a, findings)) {
                evaluate(job, matched);
                repo.forgetPullAccess(job.imageId());
                ctx.metrics().timer("plimsoll_analysis_duration").record(Duration.ofNanos(System.nanoTime() - started));
                ctx.log().info("analysis done", "job", job.id(), "image", job.pullReference(), "digest", a.digest(),
                        "packages", a.packageCount());
            } else {
                ctx.log().warn("analysis finished after this replica lost its lease; another replica completes it",
                        "job", job.id(), "image", job.pullReference());
            }
        } catch (Exception | Error e) {
            // an Error too (out of memory on a huge image): it fails this attempt as the server's own fault, and
            // the worker lives on; left uncaught it ended the worker thread and the job waited for its lease
            if (stopping && !halted) {
                releaseQuietly(job); // interrupted by shutdown, not the job's fault
                return;
            }
            String error = e instanceof Error ? "internal error: " + e : message(e);
            try {
                // the address guard's refusal is the same on every try: the job fails now, with its reason
                int attempts = refused(e) ? job.attempts() : maxAttempts;
                boolean recorded = repo.fail(job, owner, error, attempts, settings.poll().multipliedBy(job.attempts()));
                if (recorded && job.attempts() >= attempts) {
                    repo.forgetPullAccess(job.imageId());
                }
                ctx.log().warn("analysis failed", "job", job.id(), "image", job.pullReference(), "attempt",
                        job.attempts(), "final", recorded && job.attempts() >= attempts, "error", error);
            } catch (Exception db) {
                ctx.log().warn("cannot record a failed analysis; its lease will expire", "job", job.id(),
                        "error", db.getMessage());
            }
        } finally {
            running.remove(job.id());
        }
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.plimsoll.image.net.AddressRefusedException) {
                return true;
            }
        }
        return false;
    }

    /** The error as a user should read it: the deepest message that says something. */
    static String message(Throwable e) {
        String m = e.getMessage();
        Throwable t = e;
        while ((m == null || m.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            m = t.getMessage();
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private void renewAll() {
        for (Job job : running.values()) {
            try {
                if (!repo.renew(job.id(), owner, settings.lease())) {
                    ctx.log().warn("lease of an analysis job lost", "job", job.id());
                }
            } catch (Exception e) {
                ctx.log().warn("cannot renew an analysis lease", "job", job.id(), "error", e.getMessage());
            }
        }
    }

    private void measureDepth() {
        try {
            depth.set(repo.depth());
        } catch (Exception e) {
            // the gauge keeps its last value while the database is away
        }
    }

    private boolean sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops as a killed replica would (tests): no more renewals and no more jobs, nothing given back. A job that is
     * still running here finishes later and finds its lease taken.
     */
    void halt() {
        halted = true;
        stopping = true;
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (halted) {
            return;
        }
        stopping = true;
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        workers.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + ctx.config().shutdownGrace().toNanos();
        for (Thread t : workers) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        running.values().forEach(this::releaseQuietly);
    }

    private void releaseQuietly(Job job) {
        try {
            repo.release(job, owner);
        } catch (Exception e) {
            ctx.log().warn("cannot give back an analysis job; its lease will expire", "job", job.id());
        }
    }
}
