package io.plimsoll.server.harbor;

import io.plimsoll.app.MatchService;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.analysis.AnalysisQueue;
import io.plimsoll.server.analysis.AnalysisQueue.Submission;
import io.plimsoll.server.analysis.SystemApiModule;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.VulnStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Harbor's pluggable scanner API v1.2 under {@code /harbor} (Harbor's adapter URL is {@code http://HOST:6060/harbor}).
 * A scan request is a submission to the analysis queue ({@link AnalysisQueue}): the workers pull the artifact from
 * the registry Harbor named, with the credentials it gave, and store the inventory once per manifest digest; a
 * report is matched from that inventory against the data as it is now. Errors are the adapter's
 * {@code {"error": {"message": …}}} (see {@code HttpServer}).
 */
public final class HarborScannerModule implements ServerModule {

    static final String PREFIX = "/harbor/api/v1";
    static final String METADATA_TYPE = "application/vnd.scanner.adapter.metadata+json; version=1.1";
    static final String SCAN_RESPONSE_TYPE = "application/vnd.scanner.adapter.scan.response+json; version=1.0";
    /** Seconds Harbor waits before asking for a report again while the scan runs. */
    static final int REFRESH_AFTER = 5;

    private final ServerContext ctx;
    private final VulnStore store;
    private final MatchService matcher;
    private final AnalysisQueue queue;
    private final String version;

    public HarborScannerModule(ServerContext ctx, VulnStore store) {
        this.ctx = ctx;
        this.store = store;
        this.matcher = new MatchService(store);
        this.queue = new AnalysisQueue(ctx.database());
        this.version = SystemApiModule.plimsollVersion();
    }

    @Override
    public String name() {
        return "harbor-scanner";
    }

    @Override
    public void routes(Router r) {
        r.get(PREFIX + "/metadata", this::metadata);
        r.post(PREFIX + "/scan", this::scan);
        r.get(PREFIX + "/scan/{id}/report", this::report);
    }

    private void metadata(Exchange ex) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scanner", HarborReports.scanner(version));
        out.put("capabilities", List.of(
                capability("vulnerability", List.of(HarborReports.VULN_1_1, HarborReports.VULN_HARBOR_1_0,
                        HarborReports.VULN_RAW), Optional.empty()),
                capability("sbom", List.of(HarborReports.SBOM_1_0),
                        Optional.of(Map.of("sbom_media_types", List.of(HarborReports.SPDX, HarborReports.CYCLONEDX))))));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("harbor.scanner-adapter/scanner-type", "os-package-vulnerability");
        properties.put("harbor.scanner-adapter/vulnerability-database-updated-at",
                databaseUpdatedAt().map(Instant::toString).orElse(""));
        properties.put("harbor.scanner-adapter/registry-authorization-type", "Basic");
        properties.put("org.plimsoll/feeds", String.join(",", store.sources().stream().map(SourceStatus::name)
                .toList()));
        out.put("properties", properties);
        ex.respond(200, METADATA_TYPE, Exchange.bytes(out));
    }

    private static Map<String, Object> capability(String type, List<String> produces,
                                                  Optional<Map<String, Object>> attributes) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("consumes_mime_types", HarborReports.CONSUMES);
        c.put("produces_mime_types", produces);
        attributes.ifPresent(a -> c.put("additional_attributes", a));
        return c;
    }

    /** The newest successful update of any feed: when the database last changed. */
    private Optional<Instant> databaseUpdatedAt() {
        return store.sources().stream().map(SourceStatus::updatedAt).flatMap(Optional::stream)
                .max(Instant::compareTo);
    }

    private void scan(Exchange ex) throws Exception {
        HarborScanRequest request = HarborScanRequest.parse(ex.json());
        Submission s = queue.submit(request.pullReference(), request.access(), request.annotations());
        ctx.log().info("harbor scan queued", "id", s.id(), "artifact", request.pullReference());
        ex.respond(202, SCAN_RESPONSE_TYPE, Exchange.bytes(Map.of("id", s.id())));
    }

    private void report(Exchange ex) throws Exception {
        String id = ex.param("id");
        Submission s = queue.submission(id).orElseThrow(() -> ApiException.notFound("no scan request " + id));
        String type = reportType(ex.header("Accept"));
        Optional<String> sbomType = type.equals(HarborReports.SBOM_1_0) ? Optional.of(sbomMediaType(ex))
                : Optional.empty();
        String artifactName = s.annotations().getOrDefault(HarborReports.REGISTRY, "") + "/"
                + s.annotations().getOrDefault(HarborReports.REPOSITORY, "");
        if (s.pending()) {
            // no Location: the spec defines none, and a client that follows redirects would loop on this very URL
            ex.header("Refresh-After", Integer.toString(REFRESH_AFTER));
            ex.respond(302, null, new byte[0]);
            return;
        }
        if (s.failed() || s.digest().isEmpty()) {
            throw new ApiException(500, "scan-failed", "scanning " + artifactName + " failed: "
                    + s.error().orElse("no reason recorded"));
        }
        String digest = s.digest().get();
        Inventory inventory = queue.inventory(digest).orElseThrow(() -> new ApiException(500, "scan-failed",
                "no stored analysis for " + artifactName + "@" + digest));
        Map<String, Object> artifact = HarborReports.artifact(s.annotations(), digest);
        Map<String, Object> scanner = HarborReports.scanner(version);
        Instant now = ctx.clock().instant();
        Object body = sbomType.isPresent()
                ? HarborReports.sbom(artifact, scanner, inventory, sbomType.get(), version, now)
                : HarborReports.vulnerabilities(artifact, scanner, matcher.findings(inventory), now);
        ex.respond(200, type, Exchange.bytes(body));
    }

    /**
     * The report type the Accept header asks for, compared without case or spaces around parameters; none or a
     * wildcard is the current vulnerability report. A type the scanner does not produce is a 501, as the spec says.
     */
    static String reportType(Optional<String> accept) {
        if (accept.isEmpty() || accept.get().isBlank() || accept.get().trim().startsWith("*/*")) {
            return HarborReports.VULN_1_1;
        }
        String wanted = normalise(accept.get());
        for (String t : List.of(HarborReports.VULN_1_1, HarborReports.VULN_HARBOR_1_0, HarborReports.VULN_RAW,
                HarborReports.SBOM_1_0)) {
            if (normalise(t).equals(wanted)) {
                return t;
            }
        }
        throw new ApiException(501, "unsupported-mime-type", "this scanner does not produce '" + accept.get()
                + "'; it produces " + String.join(", ", HarborReports.VULN_1_1, HarborReports.VULN_HARBOR_1_0,
                HarborReports.VULN_RAW, HarborReports.SBOM_1_0));
    }

    private static String normalise(String mediaType) {
        return mediaType.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    /** The SBOM format, required with the SBOM type: SPDX or CycloneDX JSON; anything else is a 400. */
    private static String sbomMediaType(Exchange ex) {
        // a '+' sent unencoded arrives as a space (form decoding); the two types have no space otherwise
        String t = ex.query("sbom_media_type").map(q -> q.replace(' ', '+')).orElseThrow(() -> ApiException.badRequest("the SBOM report needs"
                + " ?sbom_media_type=" + HarborReports.SPDX + " or " + HarborReports.CYCLONEDX));
        if (!t.equals(HarborReports.SPDX) && !t.equals(HarborReports.CYCLONEDX)) {
            throw ApiException.badRequest("sbom_media_type must be " + HarborReports.SPDX + " or "
                    + HarborReports.CYCLONEDX + ", got '" + t + "'");
        }
        return t;
    }
}
