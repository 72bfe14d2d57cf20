package io.plimsoll.server.index;

import io.micrometer.core.instrument.Timer;
import io.plimsoll.app.AdviseService;
import io.plimsoll.app.MatchService;
import io.plimsoll.report.scan.AdviceView;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.clair.ClairJson;
import io.plimsoll.server.clair.ClairVulnerabilityReports;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import io.plimsoll.vuln.advice.Advice;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.VulnStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Clair's matcher API (role MATCHER): {@code GET /matcher/api/v1/vulnerability_report/{digest}} matches the
 * manifest's stored packages against the vulnerability data as it is now, on every request, so a feed update
 * needs no rescan. The matcher asks the store once per namespace for all of the manifest's names.
 */
public final class MatcherModule implements ServerModule {

    /**
     * A Plimsoll extension beside Clair's report: the fix advice for an indexed manifest's findings, the document
     * {@code plimsoll advise --format json} prints (what {@code advise --server} reads). A manifest keeps no image
     * history, so the base is unknown here and each package's origin is the step its provenance records.
     */
    public static final String ADVICE_PATH = "/matcher/api/v1/advice/";

    private final IndexedManifests manifests;
    private final MatchService matcher;
    private final AdviseService adviser;
    private final Timer matchTimer;
    private final Optional<ReportCache> cache;

    /** @param store the vulnerability data (production: the PostgreSQL store); not closed by this module */
    public MatcherModule(ServerContext ctx, VulnStore store) {
        this(ctx, new PostgresManifests(ctx.database().dataSource()), store);
    }

    public MatcherModule(ServerContext ctx, IndexedManifests manifests, VulnStore store) {
        this(ctx, manifests, store, 0);
    }

    /**
     * @param reportCacheBytes when positive, serialised reports up to this many bytes in all are kept, each valid
     *                         while the vulnerability data version in PostgreSQL and the manifest's row are unchanged;
     *                         only for stores and manifests kept in this service's PostgreSQL (production wiring)
     */
    public MatcherModule(ServerContext ctx, IndexedManifests manifests, VulnStore store, long reportCacheBytes) {
        this.manifests = manifests;
        this.cache = reportCacheBytes > 0
                ? Optional.of(new ReportCache(ctx.database().dataSource(), reportCacheBytes)) : Optional.empty();
        this.matcher = new MatchService(store);
        this.adviser = new AdviseService(store);
        this.matchTimer = Timer.builder("plimsoll.match.duration").description("matching one manifest")
                .register(ctx.metrics());
    }

    @Override
    public String name() {
        return "matcher";
    }

    @Override
    public void routes(Router router) {
        router.get("/matcher/api/v1/vulnerability_report/{digest}", this::report);
        router.get(ADVICE_PATH + "{digest}", this::advice);
    }

    private void advice(Exchange ex) {
        String digest = ManifestRequest.digest(ex.param("digest"), "digest").toString();
        IndexedManifest m = manifests.manifest(digest).orElseThrow(() -> ApiException.notFound(
                "no indexed manifest " + digest + " (index it first with POST /indexer/api/v1/index_report)"));
        List<Finding> findings = matchTimer.record(() -> matcher.findings(m.packages(), m.distro()));
        Advice advice = adviser.advise(findings, BaseImage.unknown());
        ex.respond(200, "application/json", AdviceView.document(digest, Optional.of(digest), Optional.empty(), advice)
                .getBytes(StandardCharsets.UTF_8));
    }

    private void report(Exchange ex) {
        String digest = ManifestRequest.digest(ex.param("digest"), "digest").toString();
        Optional<String> token = cache.flatMap(c -> c.token(digest));
        Optional<byte[]> cached = token.flatMap(t -> cache.get().get(digest, t));
        if (cached.isPresent()) {
            ex.respond(201, "application/json", cached.get());
            return;
        }
        IndexedManifest m = manifests.manifest(digest).orElseThrow(() -> ApiException.notFound(
                "no indexed manifest " + digest + " (index it first with POST /indexer/api/v1/index_report)"));
        List<Finding> findings = matchTimer.record(() -> matcher.findings(m.packages(), m.distro()));
        // Clair's API document gives 201 for this GET
        byte[] body = ClairJson.bytes(ClairVulnerabilityReports.of(m.digest(), m.distro(), m.packages(), findings));
        token.ifPresent(t -> cache.get().put(digest, t, body));
        ex.respond(201, "application/json", body);
    }
}
