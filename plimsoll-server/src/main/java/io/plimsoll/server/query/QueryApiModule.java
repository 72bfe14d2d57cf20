package io.plimsoll.server.query;

import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.account.AccountScope;
import io.plimsoll.server.account.Accounts;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import io.plimsoll.server.query.ImageQueries.Hit;
import io.plimsoll.server.query.ImageQueries.Page;
import io.plimsoll.server.query.QueryIndex.FindingRow;
import io.plimsoll.server.query.QueryIndex.PackageRow;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.VersionRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Anchore's queries (role API): {@code /v1/query/images/by_vulnerability} and {@code /by_package} answered from
 * {@link QueryIndex}'s tables for the caller's account, and {@code /v1/query/vulnerabilities} from the feed data.
 * Each answer is one page (Anchore's {@code page}, {@code next_page}, {@code returned_count}).
 */
public final class QueryApiModule implements ServerModule {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final ImageQueries images;
    private final VulnerabilityQueries vulnerabilities;
    private final AccountScope scope;

    public QueryApiModule(ServerContext ctx) {
        this.images = new ImageQueries(ctx.database());
        this.vulnerabilities = new VulnerabilityQueries(ctx.database());
        this.scope = new AccountScope(new Accounts(ctx.database()));
    }

    @Override
    public String name() {
        return "query-api";
    }

    @Override
    public void routes(Router r) {
        r.get("/v1/query/images/by_vulnerability", this::byVulnerability);
        r.get("/v1/query/images/by_package", this::byPackage);
        r.get("/v1/query/vulnerabilities", this::vulnerabilities);
    }

    private void byVulnerability(Exchange ex) throws Exception {
        var filter = new ImageQueries.VulnerabilityFilter(required(ex, "vulnerability_id"), ex.query("namespace"),
                ex.query("affected_package"), ex.query("severity"), bool(ex, "vendor_only", true));
        int page = number(ex, "page", 1, Integer.MAX_VALUE, 1);
        Page<FindingRow> p = images.byVulnerability(scope.of(ex), filter, page, limit(ex));
        ex.json(200, paged(page, p, "images", hit -> {
            List<Object> packages = new ArrayList<>();
            for (FindingRow f : hit.rows()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", f.packageName());
                m.put("version", f.packageVersion());
                m.put("type", f.packageType());
                m.put("namespace", f.namespace());
                m.put("severity", f.severity());
                m.put("will_not_fix", f.willNotFix());
                m.put("fixed_in", f.fixedIn());
                packages.add(m);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", image(hit));
            m.put("affected_packages", packages);
            // the name anchore-cli's table reads
            m.put("vulnerable_packages", packages);
            return m;
        }));
    }

    private void byPackage(Exchange ex) throws Exception {
        var filter = new ImageQueries.PackageFilter(required(ex, "name"), ex.query("version"),
                ex.query("package_type"));
        int page = number(ex, "page", 1, Integer.MAX_VALUE, 1);
        Page<PackageRow> p = images.byPackage(scope.of(ex), filter, page, limit(ex));
        ex.json(200, paged(page, p, "images", hit -> {
            List<Object> packages = new ArrayList<>();
            for (PackageRow row : hit.rows()) {
                packages.add(Map.of("name", row.name(), "version", row.version(), "type", row.type()));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", image(hit));
            m.put("packages", packages);
            return m;
        }));
    }

    private void vulnerabilities(Exchange ex) throws Exception {
        List<String> ids = list(ex.query("id").orElseThrow(() -> ApiException.badRequest(
                "give ?id=CVE-… (one or more, comma-separated)")));
        var filter = new VulnerabilityQueries.Filter(ids, list(ex.query("namespace").orElse("")),
                ex.query("affected_package"), ex.query("affected_package_version"));
        int page = number(ex, "page", 1, Integer.MAX_VALUE, 1);
        int limit = limit(ex);
        List<VulnerabilityQueries.Record> all = vulnerabilities.find(filter);
        int from = (int) Math.min(all.size(), (long) (page - 1) * limit);
        int to = Math.min(all.size(), from + limit);
        List<Object> out = new ArrayList<>();
        for (VulnerabilityQueries.Record r : all.subList(from, to)) {
            out.add(vulnerability(r));
        }
        Map<String, Object> m = pagination(page, to < all.size(), out.size());
        m.put("vulnerabilities", out);
        ex.json(200, m);
    }

    private static <R> Map<String, Object> paged(int page, Page<R> p, String field, Function<Hit<R>, Object> view) {
        List<Object> items = new ArrayList<>();
        p.hits().forEach(h -> items.add(view.apply(h)));
        Map<String, Object> m = pagination(page, p.more(), items.size());
        m.put(field, items);
        return m;
    }

    /** Anchore's paging fields: {@code next_page} is the next page's number, and only there when one follows. */
    private static Map<String, Object> pagination(int page, boolean more, int returned) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("page", String.valueOf(page));
        if (more) {
            m.put("next_page", String.valueOf(page + 1));
        }
        m.put("returned_count", returned);
        return m;
    }

    /** Anchore's ImageReference, with the names anchore-cli's tables read ({@code imageDigest}, {@code fulltag}). */
    private static Map<String, Object> image(Hit<?> hit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("digest", hit.digest());
        m.put("imageDigest", hit.digest());
        hit.configDigest().ifPresent(c -> m.put("id", c.substring(c.indexOf(':') + 1)));
        hit.analyzedAt().ifPresent(a -> m.put("analyzed_at", a.toString()));
        List<Object> tags = new ArrayList<>();
        for (ImageQueries.Tag t : hit.tags()) {
            ImageName n = ImageName.parse(t.fullTag());
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("pullstring", t.fullTag());
            tag.put("fulltag", t.fullTag());
            tag.put("registry", n.registry());
            tag.put("repository", n.repository());
            tag.put("tag", n.tag());
            tag.put("detected_at", t.detectedAt().toString());
            tags.add(tag);
        }
        m.put("tag_history", tags);
        return m;
    }

    /** Anchore's StandaloneVulnerability: the source's record of the id in one namespace. */
    private static Map<String, Object> vulnerability(VulnerabilityQueries.Record r) {
        var a = r.advisory();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("namespace", r.namespace());
        List<Object> packages = new ArrayList<>();
        for (AffectedPackage p : r.affected()) {
            Map<String, Object> pkg = new LinkedHashMap<>();
            pkg.put("name", p.name());
            // the version that fixes it; null: every version is affected (Anchore's meaning of a null version)
            pkg.put("version", p.ranges().stream().map(VersionRange::fixed).flatMap(Optional::stream).findFirst()
                    .orElse(null));
            pkg.put("type", packageType(p.scheme()));
            pkg.put("will_not_fix", p.status() == AffectedStatus.WILL_NOT_FIX);
            packages.add(pkg);
        }
        m.put("affected_packages", packages);
        String severity = a.severity().name().toLowerCase(Locale.ROOT);
        m.put("severity", Character.toUpperCase(severity.charAt(0)) + severity.substring(1));
        m.put("link", a.references().isEmpty() ? "https://nvd.nist.gov/vuln/detail/" + a.id() : a.references().get(0));
        m.put("description", a.description().isEmpty() ? a.title() : a.description());
        List<Object> vendor = new ArrayList<>();
        for (Cvss c : a.cvss()) {
            if (c.hasScore()) {
                vendor.add(Map.of("id", a.id(), c.version().startsWith("2") ? "cvss_v2" : "cvss_v3",
                        Map.of("base_score", c.score())));
            }
        }
        m.put("nvd_data", List.of());
        m.put("vendor_data", vendor);
        List<Object> refs = new ArrayList<>();
        a.references().forEach(u -> refs.add(Map.of("source", a.source(), "url", u)));
        m.put("references", refs);
        return m;
    }

    /** Anchore's package type for a feed row, from its version scheme. */
    static String packageType(String scheme) {
        return switch (scheme) {
            case "deb" -> "dpkg";
            case "apk" -> "APKG";
            case "maven" -> "java";
            case "pep440" -> "python";
            case "semver" -> "npm";
            default -> scheme;
        };
    }

    private static String required(Exchange ex, String name) {
        return ex.query(name).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> ApiException.badRequest("the query parameter '" + name + "' is required"));
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean bool(Exchange ex, String name, boolean byDefault) {
        Optional<String> v = ex.query(name);
        if (v.isEmpty()) {
            return byDefault;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("'" + name + "' must be true or false, got '" + v.get() + "'");
        };
    }

    private static int limit(Exchange ex) {
        return number(ex, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    }

    private static int number(Exchange ex, String name, int min, int max, int byDefault) {
        Optional<String> v = ex.query(name);
        if (v.isEmpty()) {
            return byDefault;
        }
        try {
            int n = Integer.parseInt(v.get().trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw ApiException.badRequest("'" + name + "' must be a whole number from " + min + " to " + max + ", got '"
                + v.get() + "'");
    }
}
