package io.plimsoll.server.index;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Timer;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.store.VulnStore;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Clair's matcher API (role MATCHER): {@code GET /matcher/api/v1/vulnerability_report/{digest}} matches the
 * manifest's stored packages against the vulnerability data as it is now, on every request, so a feed update
 * needs no rescan. The matcher asks the store once per namespace for all of the manifest's names.
 */
public final class MatcherModule implements ServerModule {

    private final IndexedManifests manifests;
    private final Matcher matcher;
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
        this.matcher = new Matcher(store, Ecosystems.matchRules(), VersionSchemes::byName);
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
        List<Finding> findings = matchTimer.record(() -> matcher.match(m.packages(), m.distro()));
        // Clair's API document gives 201 for this GET
        byte[] body = Exchange.bytes(report(m, findings));
        token.ifPresent(t -> cache.get().put(digest, t, body));
        ex.respond(201, "application/json", body);
    }

    static ObjectNode report(IndexedManifest m, List<Finding> findings) {
        ObjectNode r = Exchange.JSON.createObjectNode();
        r.put("manifest_hash", m.digest());
        ClairReports.contents(r, m.distro(), m.packages());
        ObjectNode vulns = r.putObject("vulnerabilities");
        ObjectNode byPackage = r.putObject("package_vulnerabilities");
        ObjectNode enrichmentsNode = r.putObject("enrichments");
        ClairEnrichments enrichments = new ClairEnrichments();
        // one distribution node shared by every OS vulnerability (serialised as often as referenced)
        Optional<ObjectNode> distribution = m.distro().map(ClairReports::distribution);
        Map<Package, String> ids = new IdentityHashMap<>();
        for (int i = 0; i < m.packages().size(); i++) {
            ids.put(m.packages().get(i), ClairReports.packageId(i));
        }
        for (Finding f : findings) {
            String vulnId = f.advisory().source() + "/" + f.advisory().id() + "/" + f.namespace() + "/" + f.matchedName()
                    + (f.nearestFix().map(v -> "/" + v).orElse(""));
            if (!vulns.has(vulnId)) {
                vulns.set(vulnId, vulnerability(vulnId, f, m, distribution));
            }
            String pkgId = ids.get(f.pkg());
            if (pkgId != null) {
                ArrayNode list = byPackage.has(pkgId) ? (ArrayNode) byPackage.get(pkgId) : byPackage.putArray(pkgId);
                list.add(vulnId);
            }
            enrichments.add(vulnId, pkgId, f);
        }
        enrichments.writeTo(enrichmentsNode);
        return r;
    }

    private static ObjectNode vulnerability(String id, Finding f, IndexedManifest m,
                                            Optional<ObjectNode> distribution) {
        Advisory a = f.advisory();
        ObjectNode v = Exchange.JSON.createObjectNode();
        v.put("id", id).put("updater", a.source()).put("name", a.id());
        v.put("description", ClairEnrichments.description(f));
        a.published().ifPresent(p -> v.put("issued", p.toString()));
        v.put("links", String.join(" ", a.references()));
        v.put("severity", ClairEnrichments.severity(f));
        v.put("normalized_severity", normalized(f.severity()));
        v.put("fixed_in_version", f.nearestFix().orElse(""));
        ObjectNode pkg = v.putObject("package");
        pkg.put("name", f.matchedName()).put("version", "").put("kind", "BINARY");
        v.put("arch_op", "pattern match");
        if (m.distro().isPresent() && f.namespace().equals(Ecosystems.namespaceOf(m.distro().get()))) {
            v.set("distribution", distribution.orElseThrow());
        } else {
            v.putObject("repository").put("id", f.namespace()).put("name", f.namespace());
        }
        return v;
    }

    /** Clair's normalized severities are Plimsoll's, capitalised. */
    static String normalized(Severity s) {
        String l = s.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(l.charAt(0)) + l.substring(1);
    }
}
