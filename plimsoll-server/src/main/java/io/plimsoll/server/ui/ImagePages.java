package io.plimsoll.server.ui;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.image.Layer;
import io.plimsoll.report.sbom.SbomFormat;
import io.plimsoll.report.scan.ScanFormat;
import io.plimsoll.report.scan.ScanReport;
import io.plimsoll.policy.eval.EvaluatedHit;
import io.plimsoll.server.analysis.AnalysisDocument;
import io.plimsoll.server.analysis.FindingCounts;
import io.plimsoll.server.analysis.ImageCatalog;
import io.plimsoll.server.analysis.ImageSummary;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.vuln.match.Finding;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The images table with its "Add image" form and rescan action, and the page of one image with its reports. */
public final class ImagePages {

    static final int PAGE_SIZE = 25;
    /**
     * Rows of the findings and policy tables an image page shows before "Show all" (worst first): an image with
     * thousands of findings stays a page a browser builds in well under a second.
     */
    static final int ROWS_SHOWN = 500;
    private static final List<String> STATUSES = List.of("analyzed", "analyzing", "not_analyzed", "analysis_failed");
    private static final String TOOL = "plimsoll-server";

    private final ImageCatalog catalog;
    private final Pages pages;
    private final ViewMemo memo = new ViewMemo(64);

    ImagePages(ImageCatalog catalog, Pages pages) {
        this.catalog = catalog;
        this.pages = pages;
    }

    // ---- the table ----

    /**
     * One row of the images table; counts and policy result only for analysed images, from their stored evaluation
     * ({@code stale} while it is re-made against new data or another bundle).
     */
    public record Row(String id, String repository, String tag, String digest, String analysed, String status,
                      String policy, String critical, String high, boolean stale) {
    }

    /** A link of the pager or a sortable header. */
    public record Link(String label, String href, boolean current) {
    }

    public record ListView(List<Row> rows, int total, List<Link> pager, List<Link> sorts, String query,
                           String status, List<String> statuses, Optional<String> message) {
    }

    void list(Exchange ex, Caller caller) throws Exception {
        Optional<String> q = ex.query("q").map(String::trim).filter(s -> !s.isEmpty()).map(s -> cut(s, 200));
        Optional<String> status = ex.query("status").filter(STATUSES::contains);
        String sort = ex.query("sort").orElse("added");
        ImageCatalog.Order order = switch (sort) {
            case "analysed" -> ImageCatalog.Order.ANALYSED;
            case "tag" -> ImageCatalog.Order.TAG;
            case "status" -> ImageCatalog.Order.STATUS;
            case "policy" -> ImageCatalog.Order.POLICY;
            case "critical" -> ImageCatalog.Order.CRITICAL;
            default -> ImageCatalog.Order.ADDED;
        };
        int page = ex.query("page").filter(p -> p.matches("\\d{1,6}")).map(Integer::parseInt).orElse(0);
        ImageCatalog.Page result = catalog.page(caller.account(), q, status, order, page, PAGE_SIZE);
        List<Row> rows = new ArrayList<>();
        Map<String, ImageCatalog.Stored> stored = catalog.stored(result.images(), catalog.stamp(caller.account()));
        for (ImageSummary s : result.images()) {
            rows.add(row(s, Optional.ofNullable(stored.get(s.id()))));
        }
        int pageCount = Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        List<Link> pager = new ArrayList<>();
        if (page > 0) {
            pager.add(new Link("Previous", href(q, status, sort, page - 1), false));
        }
        pager.add(new Link("Page " + (page + 1) + " of " + pageCount, href(q, status, sort, page), true));
        if (page + 1 < pageCount) {
            pager.add(new Link("Next", href(q, status, sort, page + 1), false));
        }
        List<Link> sorts = new ArrayList<>();
        for (String s : List.of("added", "analysed", "tag", "status", "policy", "critical")) {
            sorts.add(new Link(s, href(q, status, s, 0), s.equals(sort)));
        }
        Optional<String> message = ex.query("added").map(id -> "Queued for analysis.");
        pages.render(ex, 200, "images", caller.chrome("Images", "images"), new ListView(rows, result.total(),
                pager, sorts, q.orElse(""), status.orElse(""), STATUSES, message));
    }

    private static Row row(ImageSummary s, Optional<ImageCatalog.Stored> stored) {
        return new Row(s.id(), s.repository(), s.tagName().orElse(""), s.digest().map(ImagePages::shortDigest)
                .orElse(""), s.analyzedAt().map(ImagePages::time).orElse(""), s.status(),
                stored.map(e -> e.finalAction().name()).orElse(""),
                stored.map(e -> Integer.toString(e.counts().critical())).orElse(""),
                stored.map(e -> Integer.toString(e.counts().high())).orElse(""),
                s.analysed() && stored.map(e -> !e.current()).orElse(true));
    }

    private static String href(Optional<String> q, Optional<String> status, String sort, int page) {
        StringBuilder b = new StringBuilder("/ui/images?sort=").append(sort).append("&page=").append(page);
        q.ifPresent(v -> b.append("&q=").append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        status.ifPresent(v -> b.append("&status=").append(v));
        return b.toString();
    }

    void add(Exchange ex, Caller caller) throws Exception {
        String reference = caller.form().field("reference").orElseThrow(() -> ApiException.badRequest(
                "give an image reference, like registry.example.com/team/app:1.0"));
        ImageSummary s = catalog.submit(caller.account(), cut(reference, 512));
        Pages.redirect(ex, 303, "/ui/images/" + s.id());
    }

    void rescan(Exchange ex, Caller caller) throws Exception {
        ImageSummary s = catalog.rescan(caller.account(), image(caller, ex.param("id")));
        Pages.redirect(ex, 303, "/ui/images/" + s.id());
    }

    // ---- one image ----

    public record Fact(String name, String value) {
    }

    public record LayerRow(int index, String digest, String size, String step, int packages) {
    }

    public record PackageRow(String name, String version, String type, String licenses, String location,
                             String layer) {
    }

    public record HitRow(String gate, String trigger, String action, String message, String allowlisted) {
    }

    public record ImageView(ImageSummary image, String title, List<Fact> summary, Map<String, String> labels,
                            boolean analysed, boolean pending, FindingCounts counts, List<Findings.Row> findings,
                            List<Link> sorts, boolean fixableOnly, String fixableHref, int findingsTotal,
                            int hitsTotal, String allHref, List<PackageRow> packages,
                            List<LayerRow> layers, String policyId, String finalAction, String reason,
                            List<HitRow> hits, AdviceSection advice, List<Link> downloads) {
    }

    void show(Exchange ex, Caller caller) throws Exception {
        ImageSummary s = image(caller, ex.param("id"));
        String title = s.tag().orElse(s.pullReference());
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Status", s.status() + s.error().map(e -> ": " + e).orElse("")));
        facts.add(new Fact("Digest", s.digest().orElse("not known yet")));
        facts.add(new Fact("Added", time(s.createdAt())));
        s.analyzedAt().ifPresent(t -> facts.add(new Fact("Analysed", time(t))));
        Optional<AnalysisDocument> doc = catalog.document(s);
        String sort = ex.query("sort").filter(Findings.SORTS::contains).orElse("severity");
        boolean fixable = ex.query("fixable").isPresent();
        boolean all = ex.query("all").isPresent();
        List<Findings.Row> rows = List.of();
        FindingCounts counts = FindingCounts.NONE;
        List<PackageRow> packages = List.of();
        List<LayerRow> layers = List.of();
        List<HitRow> hits = List.of();
        AdviceSection advice = AdviceSection.NONE;
        String policyId = "";
        String action = "";
        String reason = "";
        Map<String, String> labels = new TreeMap<>();
        if (doc.isPresent()) {
            Inventory inv = doc.get().inventory();
            facts.add(new Fact("Distro", inv.distro().map(Object::toString).orElse("unknown")));
            facts.add(new Fact("Architecture", inv.image().platform().toString()));
            facts.add(new Fact("Size", size(inv.image().layers().stream().mapToLong(Layer::size).sum())));
            facts.add(new Fact("Layers", Integer.toString(inv.image().layers().size())));
            inv.image().config().created().ifPresent(c -> facts.add(new Fact("Created", time(c))));
            facts.add(new Fact("Packages", Integer.toString(inv.packages().size())));
            labels.putAll(inv.image().config().labels());
            ImageCatalog.Assessment assessment = catalog.assess(s, catalog.stamp(caller.account())).orElseThrow();
            List<Finding> findings = assessment.findings();
            counts = memo.get(assessment, "counts", () -> FindingCounts.of(findings));
            String order = sort + (fixable ? "|fixable" : "");
            rows = memo.get(assessment, "rows|" + order, () -> findings.stream().filter(f -> !fixable || f.hasFix())
                    .sorted(Findings.order(sort)).map(Findings::row).toList());
            packages = memo.get(doc.get(), "packages", () -> packageRows(inv));
            layers = memo.get(doc.get(), "layers", () -> layerRows(inv));
            ImageCatalog.Verdict verdict = assessment.verdict();
            policyId = verdict.policyId();
            action = verdict.evaluation().finalAction().name();
            reason = verdict.evaluation().reason();
            hits = memo.get(assessment, "hits", () -> verdict.evaluation().hits().stream()
                    .sorted(java.util.Comparator.comparing(EvaluatedHit::action).reversed()).map(h -> new HitRow(
                    h.gate(), h.trigger(), h.action().name(), h.message(),
                    h.allowlistedBy().map(a -> a.id()).orElse(""))).toList());
            AnalysisDocument d = doc.get();
            advice = memo.get(assessment, "advice", () -> AdviceSection.of(catalog.advice(d, assessment)));
        }
        String base = "/ui/images/" + s.id();
        List<Link> sorts = new ArrayList<>();
        for (String key : Findings.SORTS) {
            sorts.add(new Link(key, base + "?sort=" + key + (fixable ? "&fixable=1" : "") + (all ? "&all=1" : "")
                    + "#vulnerabilities", key.equals(sort)));
        }
        String sorted = base + "?sort=" + sort;
        String fixableHref = sorted + (fixable ? "" : "&fixable=1") + (all ? "&all=1" : "") + "#vulnerabilities";
        String allHref = sorted + (fixable ? "&fixable=1" : "") + "&all=1#vulnerabilities";
        int findingsTotal = rows.size();
        int hitsTotal = hits.size();
        List<Link> downloads = new ArrayList<>();
        for (ScanFormat f : ScanFormat.values()) {
            downloads.add(new Link("Scan report, " + f.id(), base + "/reports/scan-" + f.id(), false));
        }
        for (SbomFormat f : SbomFormat.values()) {
            downloads.add(new Link("SBOM, " + f.id(), base + "/reports/sbom-" + f.id(), false));
        }
        boolean pending = s.status().equals("not_analyzed") || s.status().equals("analyzing");
        pages.render(ex, 200, "image", caller.chrome(title, "images"), new ImageView(s, title, facts, labels,
                doc.isPresent(), pending, counts, shown(rows, all), sorts, fixable, fixableHref, findingsTotal, hitsTotal,
                allHref, packages, layers, policyId, action, reason, shown(hits, all), advice, downloads));
    }

    private static <T> List<T> shown(List<T> rows, boolean all) {
        return all || rows.size() <= ROWS_SHOWN ? rows : rows.subList(0, ROWS_SHOWN);
    }

    private static List<PackageRow> packageRows(Inventory inv) {
        List<PackageRow> out = new ArrayList<>();
        for (Package p : inv.packages().stream().sorted(java.util.Comparator.comparing(Package::name)
                .thenComparing(Package::version)).toList()) {
            String layer = p.provenance() == null ? "" : Integer.toString(p.provenance().layer());
            out.add(new PackageRow(p.name(), p.version(), p.type(), String.join(", ", p.licenses()),
                    p.location() == null ? "" : p.location(), layer));
        }
        return List.copyOf(out);
    }

    private static List<LayerRow> layerRows(Inventory inv) {
        Map<Integer, Integer> perLayer = new TreeMap<>();
        for (Package p : inv.packages()) {
            if (p.provenance() != null) {
                perLayer.merge(p.provenance().layer(), 1, Integer::sum);
            }
        }
        List<LayerRow> out = new ArrayList<>();
        for (Layer l : inv.image().layers()) {
            out.add(new LayerRow(l.index(), l.digest().map(Object::toString).orElse(""), size(l.size()),
                    l.history().map(h -> h.createdBy()).orElse(""), perLayer.getOrDefault(l.index(), 0)));
        }
        return List.copyOf(out);
    }

    /** A report of the image in any of the report module's formats, as a download. */
    void report(Exchange ex, Caller caller) throws Exception {
        ImageSummary s = image(caller, ex.param("id"));
        String name = ex.param("format");
        AnalysisDocument doc = catalog.document(s).orElseThrow(() -> ApiException.notFound(
                "image " + s.tag().orElse(s.id()) + " is " + s.status() + "; it has no reports yet"));
        Inventory inv = doc.inventory();
        String body;
        String extension;
        if (name.startsWith("scan-")) {
            ScanFormat f = ScanFormat.byId(name.substring(5)).orElseThrow(() -> ApiException.notFound(
                    "no report format " + name));
            ScanReport report = new ScanReport(inv, catalog.findings(inv), catalog.freshness(inv), Optional.empty(),
                    List.of(), Optional.empty(), TOOL, List.of());
            body = f.render(report, false);
            extension = extension(f.id());
        } else if (name.startsWith("sbom-")) {
            SbomFormat f = SbomFormat.byId(name.substring(5)).orElseThrow(() -> ApiException.notFound(
                    "no SBOM format " + name));
            body = f.render(inv, TOOL, false);
            extension = extension(f.id());
        } else {
            throw ApiException.notFound("no report " + name);
        }
        String file = s.repository().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + name + "." + extension;
        Pages.secure(ex);
        ex.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        ex.respond(200, contentType(extension), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String extension(String id) {
        if (id.endsWith("json") || id.equals("sarif")) {
            return id.equals("sarif") ? "sarif" : "json";
        }
        return switch (id) {
            case "html" -> "html";
            case "junit", "cyclonedx-xml" -> "xml";
            default -> "txt";
        };
    }

    private static String contentType(String extension) {
        return switch (extension) {
            case "json", "sarif" -> "application/json";
            case "xml" -> "application/xml";
            case "html" -> "text/html; charset=utf-8";
            default -> "text/plain; charset=utf-8";
        };
    }

    private ImageSummary image(Caller caller, String id) throws SQLException {
        // another account's image is "no image", the same as one that does not exist
        return catalog.image(caller.account(), cut(id, 100)).orElseThrow(() -> ApiException.notFound(
                "no image " + id));
    }

    static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return digest.substring(0, Math.min(digest.length(), colon + 13));
    }

    static String time(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace('T', ' ');
    }

    static String size(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
