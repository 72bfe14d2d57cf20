package io.plimsoll.server.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.app.AdviseService;
import io.plimsoll.app.EvaluateService;
import io.plimsoll.app.MatchService;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.Image;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.policy.PolicyException;
import io.plimsoll.policy.PolicyPacks;
import io.plimsoll.policy.eval.Evaluation;
import io.plimsoll.policy.eval.ValidatedBundle;
import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.report.scan.AdviceView;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.account.AccountScope;
import io.plimsoll.server.account.Accounts;
import io.plimsoll.server.analysis.PolicyRepository.StoredPolicy;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import io.plimsoll.server.query.QueryIndex;
import io.plimsoll.server.vulndb.UpdaterModule;
import io.plimsoll.vuln.advice.Advice;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.store.VulnStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Anchore Engine style API (role API): images submitted by tag or digest are queued for analysis (see
 * {@link AnalysisWorkerModule}); their vulnerabilities are matched per request against the current data, so a feed
 * update never needs a re-analysis; policy checks evaluate the active bundle (or the built-in {@code default} pack)
 * over the stored analysis.
 */
public final class AnalysisApiModule implements ServerModule {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    /** How old feed data may be before the policy's stale-data trigger fires (the CLI's default). */
    private static final Duration MAX_DATA_AGE = Duration.ofHours(72);

    private final ServerContext ctx;
    private final VulnStore store;
    private final MatchService matcher;
    private final AdviseService adviser;
    private final AnalysisRepository images;
    private final PolicyRepository policies;
    private final DocumentCache documents;
    private final AccountScope scope;
    private final QueryIndex queryIndex;
    private final AnchoreFeeds feeds;
    private final SbomImport sbomImport;
    private final ImageImports imports;

    /**
     * Told of every tag submitted, so its subscriptions exist (the watch package's, wired in {@code Modules}); an
     * image submitted by digest alone is told by its manifest digest ({@code sha256:…}).
     */
    @FunctionalInterface
    public interface TagListener {
        void added(String account, String fullTag, boolean autosubscribe) throws Exception;
    }

    private final TagListener tagListener;

    public AnalysisApiModule(ServerContext ctx, VulnStore store) {
        this(ctx, store, Optional.empty(), (account, tag, autosubscribe) -> { });
    }

    /**
     * @param updater     this replica's updater, which {@code POST /v1/system/feeds} runs; empty: the role is elsewhere
     * @param tagListener told of every tag submitted (the watch package's subscriptions)
     */
    public AnalysisApiModule(ServerContext ctx, VulnStore store, Optional<UpdaterModule> updater,
                             TagListener tagListener) {
        this.tagListener = tagListener;
        this.ctx = ctx;
        this.store = store;
        this.matcher = new MatchService(store);
        this.adviser = new AdviseService(store);
        this.images = new AnalysisRepository(ctx.database());
        this.policies = new PolicyRepository(ctx.database());
        this.documents = new DocumentCache(images, 16);
        this.scope = new AccountScope(new Accounts(ctx.database()));
        this.queryIndex = new QueryIndex(ctx.database());
        this.feeds = new AnchoreFeeds(ctx, store, updater);
        this.sbomImport = new SbomImport(images, matcher);
        this.imports = new ImageImports(ctx.database(), scope, sbomImport);
    }

    @Override
    public String name() {
        return "analysis-api";
    }

    @Override
    public void routes(Router r) {
        r.get("/v1/summaries/imagetags", this::tagSummaries);
        r.post("/v1/images", this::addImage);
        r.post("/v1/import/images", ex -> {
            Optional<ImageName> tag = ex.query("tag").map(t -> parseName(t, "tag"));
            String account = scope.of(ex);
            ImageRecord rec = sbomImport.importSbom(account, tag, ex.body());
            // its subscriptions (by tag, or by digest without one), none active: nothing to poll in a registry
            tagListener.added(account, rec.tag().orElse(rec.digest().orElseThrow()), false);
            ex.json(200, List.of(AnchoreViews.image(rec, document(rec))));
        });
        r.get("/v1/images", this::listImages);
        // by_id first: the router takes the first template that matches, and {digest} would match "by_id"
        imageRoutes(r, "/v1/images/by_id/{imageId}", ex -> byImageId(scope.of(ex), ex.param("imageId")));
        imageRoutes(r, "/v1/images/{digest}", ex -> record(scope.of(ex), ex.param("digest")));
        r.get("/v1/images/{digest}/metadata", ex -> {
            analysed(record(scope.of(ex), ex.param("digest")));
            ex.json(200, AnchoreContent.METADATA_TYPES);
        });
        r.get("/v1/images/{digest}/metadata/{type}", ex -> {
            ImageRecord rec = record(scope.of(ex), ex.param("digest"));
            ex.json(200, AnchoreContent.metadata(rec, ex.param("type"), analysed(rec)));
        });
        r.get("/v1/policies", this::listPolicies);
        r.post("/v1/policies", this::addPolicy);
        r.get("/v1/policies/{policyId}", this::getPolicy);
        r.put("/v1/policies/{policyId}", this::updatePolicy);
        r.delete("/v1/policies/{policyId}", this::deletePolicy);
        r.get("/v1/system/policy_spec", ex -> ex.json(200, AnchorePolicySpec.gates()));
        feeds.routes(r);
        imports.routes(r);
    }

    /** How a route names the image: by manifest digest (or record id) or by image id. */
    private interface ImageLookup {
        ImageRecord find(Exchange ex) throws Exception;
    }

    /** The routes anchore-cli reaches both by digest and by image id. */
    private void imageRoutes(Router r, String base, ImageLookup lookup) {
        r.get(base, ex -> getImage(ex, lookup.find(ex)));
        r.delete(base, ex -> deleteImage(ex, lookup.find(ex)));
        r.get(base + "/check", ex -> check(ex, lookup.find(ex)));
        r.get(base + "/vuln", ex -> {
            analysed(lookup.find(ex));
            ex.json(200, List.of("all", "os", "non-os"));
        });
        r.get(base + "/vuln/{type}", ex -> {
            vulnerabilityType(ex.param("type"));
            vulnerabilities(ex, lookup.find(ex));
        });
        // a Plimsoll extension: the fix advice for the findings, the document 'plimsoll advise --format json' prints
        r.get(base + "/advice", ex -> advice(ex, lookup.find(ex)));
        r.get(base + "/content", ex -> {
            analysed(lookup.find(ex));
            ex.json(200, AnchoreContent.CONTENT_TYPES);
        });
        r.get(base + "/content/{type}", ex -> {
            ImageRecord rec = lookup.find(ex);
            // analysed first: a record that never got a digest is a 404 saying why, not a missing digest
            AnalysisDocument doc = analysed(rec);
            ex.json(200, AnchoreContent.content(rec.digest().orElseThrow(), ex.param("type"), doc));
        });
    }

    // ---- images ----

    private void addImage(Exchange ex) throws Exception {
        String account = scope.of(ex);
        JsonNode body = ex.json();
        if (!body.isObject()) {
            throw ApiException.badRequest("expected a JSON object like {\"tag\": \"registry/repo:tag\"}");
        }
        if (body.has("source")) {
            JsonNode source = body.get("source");
            if (source.has("import")) {
                ImageRecord r = imports.complete(account, source.get("import"));
                tagListener.added(account, r.tag().orElse(r.digest().orElseThrow()), false);
                ex.json(200, List.of(AnchoreViews.image(r, document(r))));
                return;
            }
            body = legacyForm(body, source);
        }
        Optional<String> tag = text(body, "tag");
        Optional<String> digest = text(body, "digest");
        Optional<String> dockerfile = text(body, "dockerfile");
        if (dockerfile.isPresent() && !isBase64(dockerfile.get())) {
            throw ApiException.badRequest("\"dockerfile\" must be the Dockerfile's contents in base64");
        }
        Map<String, String> annotations = annotations(body);
        // force: analyse again even when the image is analysed or its tag is queued
        boolean force = ex.query("force").map(Boolean::parseBoolean).orElse(false);
        if (tag.isEmpty() && digest.isEmpty()) {
            throw ApiException.badRequest("give \"tag\" (registry/repo:tag) or \"digest\" (sha256:…, with \"tag\" or as"
                    + " registry/repo@sha256:…)");
        }
        Optional<ImageName> name = tag.map(t -> parseName(t, "tag"));
        if (name.isPresent() && name.get().digest().isPresent()) {
            throw ApiException.badRequest("\"tag\" must not hold a digest; give it as \"digest\"");
        }
        if (digest.isPresent()) {
            String d = digest.get();
            String repo;
            String bare;
            if (d.contains("@")) {
                ImageName n = parseName(d, "digest");
                bare = n.digest().orElseThrow();
                repo = n.registry() + "/" + n.repository();
            } else {
                bare = d;
                repo = name.map(n -> n.registry() + "/" + n.repository()).orElse(null);
            }
            if (!DIGEST.matcher(bare).matches()) {
                throw ApiException.badRequest("\"digest\" must be sha256: and 64 lower-case hex digits, got '" + d + "'");
            }
            Optional<ImageRecord> existing = images.byDigest(account, bare);
            if (!force && existing.isPresent() && !existing.get().status().equals(ImageRecord.FAILED)) {
                ex.json(200, List.of(AnchoreViews.image(existing.get())));
                return;
            }
            if (repo == null) {
                throw ApiException.badRequest("digest " + bare + " was never analysed and a digest alone does not say"
                        + " where to pull it from: give \"tag\" too, or \"digest\": \"registry/repo@" + bare + "\"");
            }
            ImageRecord r = images.submit(account, name.map(AnalysisApiModule::fullTag), repo + "@" + bare,
                    dockerfile, annotations);
            // subscribable by its tag, or by the digest when it came without one (subscription_key = the digest)
            tagListener.added(account, r.tag().orElse(bare), r.tag().isPresent()
                    && ex.query("autosubscribe").map(Boolean::parseBoolean).orElse(true));
            ex.json(202, List.of(AnchoreViews.image(r)));
            return;
        }
        String full = fullTag(name.get());
        Optional<ImageRecord> pending = images.pendingForTag(account, full);
        if (!force && pending.isPresent()) {
            ex.json(200, List.of(AnchoreViews.image(pending.get())));
            return;
        }
        ImageRecord r = images.submit(account, Optional.of(full), full, dockerfile, annotations);
        // Anchore's autosubscribe (true unless the client says false) switches the tag's tag_update watch on
        tagListener.added(account, full, ex.query("autosubscribe").map(Boolean::parseBoolean).orElse(true));
        ex.json(202, List.of(AnchoreViews.image(r)));
    }

    /**
     * Anchore's newer request form, {@code "source": {"tag": {"pullstring"}}} or {@code "source": {"digest":
     * {"pullstring", "tag"}}}, as the older top-level fields it stands for (one source per request, as the API
     * says). A tag source's pull string may itself be by digest ({@code nginx@sha256:…}). The analysis archive is
     * not a source this server has.
     */
    private static JsonNode legacyForm(JsonNode body, JsonNode source) {
        if (!source.isObject() || source.size() != 1) {
            throw ApiException.badRequest("\"source\" must set exactly one of \"tag\", \"digest\" or \"import\"");
        }
        com.fasterxml.jackson.databind.node.ObjectNode out = ((com.fasterxml.jackson.databind.node.ObjectNode) body)
                .deepCopy();
        out.remove(List.of("source", "tag", "digest", "dockerfile"));
        String kind = source.fieldNames().next();
        JsonNode s = source.get(kind);
        String pull = s.path("pullstring").asText("");
        if (!List.of("tag", "digest").contains(kind)) {
            throw ApiException.badRequest("\"source." + kind + "\" is not supported: give \"source.tag\","
                    + " \"source.digest\" or \"source.import\"");
        }
        if (pull.isEmpty()) {
            throw ApiException.badRequest("\"source." + kind + ".pullstring\" is required");
        }
        if (kind.equals("tag")) {
            out.put(pull.contains("@") ? "digest" : "tag", pull);
        } else {
            if (!pull.contains("@")) {
                throw ApiException.badRequest("\"source.digest.pullstring\" must be a digest pull string like"
                        + " docker.io/nginx@sha256:…, got '" + pull + "'");
            }
            out.put("digest", pull);
            if (!s.path("tag").asText("").isEmpty()) {
                out.put("tag", s.path("tag").asText());
            }
        }
        if (!s.path("dockerfile").asText("").isEmpty()) {
            out.put("dockerfile", s.path("dockerfile").asText());
        }
        return out;
    }

    private static boolean isBase64(String s) {
        try {
            java.util.Base64.getMimeDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Anchore's annotations: an object of string values (anchore-cli's --annotation key=value). */
    private static Map<String, String> annotations(JsonNode body) {
        JsonNode n = body.get("annotations");
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw ApiException.badRequest("\"annotations\" must be an object of strings, like {\"owner\": \"team\"}");
        }
        Map<String, String> out = new java.util.TreeMap<>();
        for (var e : (Iterable<Map.Entry<String, JsonNode>>) n::fields) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw ApiException.badRequest("annotation \"" + e.getKey() + "\" must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw ApiException.badRequest("\"" + field + "\" must be a non-empty string");
        }
        return Optional.of(n.asText().trim());
    }

    /** Parses a reference as the registry source will, so a malformed one is refused now rather than queued. */
    private static ImageName parseName(String ref, String field) {
        if (ref.chars().anyMatch(Character::isWhitespace)) {
            throw ApiException.badRequest("\"" + field + "\" is not an image reference: '" + ref + "'");
        }
        try {
            ImageReferences.parse("registry:" + ref);
        } catch (ImageException | RuntimeException e) {
            throw ApiException.badRequest("\"" + field + "\" is not an image reference: " + e.getMessage());
        }
        return ImageName.parse(ref);
    }

    private static String fullTag(ImageName n) {
        return n.registry() + "/" + n.repository() + ":" + n.tag();
    }

    private void listImages(Exchange ex) throws Exception {
        Optional<String> tag = ex.query("fulltag").map(t -> fullTag(parseName(t, "fulltag")));
        List<Object> out = new ArrayList<>();
        for (ImageRecord r : images.list(scope.of(ex), tag, ex.query("analysis_status"))) {
            // a lookup by tag is how anchore-cli gets one image (image get/wait REPO:TAG): it shows the analysis's
            // size, architecture and layers as a get by digest does; a plain listing does not read every analysis
            out.add(tag.isPresent() ? AnchoreViews.image(r, document(r)) : AnchoreViews.image(r));
        }
        ex.json(200, out);
    }

    private void getImage(Exchange ex, ImageRecord r) throws Exception {
        ex.json(200, List.of(AnchoreViews.image(r, document(r))));
    }

    private Optional<AnalysisDocument> document(ImageRecord r) throws Exception {
        return r.status().equals(ImageRecord.ANALYZED) && r.digest().isPresent() ? documents.get(r.digest().get())
                : Optional.empty();
    }

    /**
     * Anchore's delete: every record of the digest goes; one still being analysed only with {@code force}. A refusal
     * is Anchore's {@code delete_failed} body, which anchore-cli prints.
     */
    private void deleteImage(Exchange ex, ImageRecord r) throws Exception {
        boolean force = ex.query("force").map(Boolean::parseBoolean).orElse(false);
        String digest = r.digest().orElse(r.id());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("digest", digest);
        if (!force && r.status().equals(ImageRecord.ANALYZING)) {
            out.put("status", "delete_failed");
            out.put("detail", "image " + digest + " is being analysed; delete it with force to stop that");
        } else {
            images.delete(scope.of(ex), r);
            // the cache needs no eviction: it is keyed by content digest, so an entry can never be stale
            out.put("status", "deleting");
            out.put("detail", "deleted");
        }
        ex.json(200, out);
    }

    /** Anchore's tag summaries: one row per record, times in epoch seconds. */
    private void tagSummaries(Exchange ex) throws Exception {
        List<Object> out = new ArrayList<>();
        for (ImageRecord r : images.list(scope.of(ex), Optional.empty(), Optional.empty())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("imageDigest", r.digest().orElse(null));
            m.put("parentDigest", r.digest().orElse(null));
            m.put("imageId", r.imageId().orElse(null));
            m.put("analysis_status", r.status());
            m.put("image_status", "active");
            m.put("fulltag", r.tag().orElse(null));
            m.put("created_at", r.createdAt().getEpochSecond());
            m.put("analyzed_at", r.analyzedAt().map(Instant::getEpochSecond).orElse(null));
            m.put("tag_detected_at", r.createdAt().getEpochSecond());
            out.add(m);
        }
        ex.json(200, out);
    }

    private ImageRecord byImageId(String account, String imageId) throws Exception {
        if (!imageId.matches("[0-9a-f]{64}")) {
            throw ApiException.badRequest("an image id is 64 lower-case hex digits, got '" + imageId + "'");
        }
        return images.byImageId(account, imageId).orElseThrow(() -> ApiException.notFound("no image with id "
                + imageId));
    }

    /**
     * The account's record by manifest digest, or by the record id a submission returned (a failed tag never got a
     * digest). Another account's image is "no image", the same as one that does not exist.
     */
    private ImageRecord record(String account, String ref) throws Exception {
        Optional<ImageRecord> r = ref.startsWith("sha256:") ? images.byDigest(account, ref)
                : images.image(account, ref);
        return r.orElseThrow(() -> ApiException.notFound("no image " + ref + " (submit it with POST /v1/images)"));
    }

    private AnalysisDocument analysed(ImageRecord r) throws Exception {
        String ref = r.digest().orElse(r.id());
        if (!r.status().equals(ImageRecord.ANALYZED) || r.digest().isEmpty()) {
            throw new ApiException(404, "not-analyzed", "image " + ref + " is " + r.status()
                    + r.error().map(e -> ": " + e).orElse("") + "; its analysis is not available");
        }
        return documents.get(r.digest().get())
                .orElseThrow(() -> ApiException.notFound("no stored analysis for " + r.digest().get()));
    }

    private static String vulnerabilityType(String type) {
        if (!List.of("os", "non-os", "all").contains(type)) {
            throw ApiException.badRequest("vulnerability type must be os, non-os or all, got '" + type + "'");
        }
        return type;
    }

    private void vulnerabilities(Exchange ex, ImageRecord record) throws Exception {
        String type = vulnerabilityType(ex.param("type"));
        AnalysisDocument doc = analysed(record);
        // Anchore's vendor_only (true unless false is given): leave out what the vendor said it will not fix
        boolean vendorOnly = ex.query("vendor_only").map(v -> !v.equalsIgnoreCase("false")).orElse(true);
        List<Finding> findings = match(record, doc);
        List<Object> vulns = new ArrayList<>();
        for (Finding f : findings) {
            boolean os = AnchoreViews.isOsPackage(f.pkg());
            if (vendorOnly && f.status() == io.plimsoll.vuln.AffectedStatus.WILL_NOT_FIX) {
                continue;
            }
            if (type.equals("all") || (type.equals("os") == os)) {
                vulns.add(AnchoreViews.vulnerability(f));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("imageDigest", record.digest().orElseThrow());
        out.put("vulnerability_type", type);
        out.put("vulnerabilities", vulns);
        ex.json(200, out);
    }

    /** The advice over the findings as the data is now; the base is told from the stored config and history. */
    private void advice(Exchange ex, ImageRecord record) throws Exception {
        AnalysisDocument doc = analysed(record);
        Image image = doc.inventory().image();
        Advice advice = adviser.advise(doc.inventory(), match(record, doc), BaseImage.of(image));
        ex.respond(200, "application/json", AdviceView.document(image.name(), record.digest(), Optional.empty(),
                advice).getBytes(StandardCharsets.UTF_8));
    }

    private void check(Exchange ex, ImageRecord record) throws Exception {
        String account = scope.of(ex);
        AnalysisDocument doc = analysed(record);
        String tag = ex.query("tag").or(record::tag).orElseThrow(() -> ApiException.badRequest(
                "give ?tag=registry/repo:tag: policy mappings select by it"));
        ImageName parsed = parseName(tag, "tag");
        ImageName name = new ImageName(parsed.registry(), parsed.repository(), parsed.tag(), record.digest(),
                record.configDigest());
        Selected policy = select(account, ex.query("policyId"));
        Instant now = ctx.clock().instant();
        Evaluation evaluation = policy.evaluator().evaluate(name, doc.inventory(), match(record, doc),
                freshness(doc.inventory(), now), doc.content(), Optional.empty(), now);
        ex.json(200, AnchoreViews.check(record, fullTag(name), policy.id(), evaluation, now));
    }

    /**
     * The image's findings against the data as it is now; the query tables get them when they changed since the
     * last match (a feed update changed them), so queries follow without matching every image.
     */
    private List<Finding> match(ImageRecord record, AnalysisDocument doc) {
        List<Finding> findings = matcher.findings(doc.inventory());
        try {
            queryIndex.writeFindings(record.digest().orElseThrow(),
                    findings.stream().map(AnchoreViews::findingRow).toList());
        } catch (java.sql.SQLException e) {
            // the answer does not depend on the index; the next match writes it
            ctx.log().warn("cannot update the query tables", "digest", record.digest().orElseThrow(),
                    "error", e.getMessage());
        }
        return findings;
    }

    /** The state of the feeds behind the findings, for the policy's data-availability triggers. */
    private DataFreshness freshness(Inventory inventory, Instant now) {
        return matcher.freshness(Path.of("postgresql"), Ecosystems.dataNeeded(inventory), MAX_DATA_AGE, now);
    }

    // ---- policies ----

    private record Selected(String id, EvaluateService evaluator) {
    }

    private Selected select(String account, Optional<String> policyId) throws Exception {
        Optional<StoredPolicy> stored = policyId.isPresent() ? policies.get(account, policyId.get())
                : policies.active(account);
        if (stored.isPresent()) {
            return new Selected(stored.get().policyId(), new EvaluateService(validate(stored.get().bundle())));
        }
        String pack = policyId.orElse("default");
        EvaluateService builtIn = EvaluateService.pack(pack).orElseThrow(() -> ApiException.notFound(
                "no policy bundle " + pack + " (uploaded: GET /v1/policies; built-in: "
                        + String.join(", ", PolicyPacks.NAMES) + ")"));
        return new Selected(pack, builtIn);
    }

    /** Reads and validates a bundle strictly; a broken rule is a 400 naming it. */
    private static ValidatedBundle validate(byte[] json) {
        try {
            return EvaluateService.read("policy bundle", json).bundle();
        } catch (PolicyException e) {
            throw ApiException.badRequest("invalid policy bundle: " + e.getMessage());
        }
    }

    private void listPolicies(Exchange ex) throws Exception {
        List<Object> out = new ArrayList<>();
        for (StoredPolicy p : policies.list(scope.of(ex))) {
            out.add(AnchoreViews.policy(p, detail(ex, false)));
        }
        ex.json(200, out);
    }

    private void getPolicy(Exchange ex) throws Exception {
        StoredPolicy p = policies.get(scope.of(ex), ex.param("policyId"))
                .orElseThrow(() -> ApiException.notFound("no policy bundle " + ex.param("policyId")));
        ex.json(200, List.of(AnchoreViews.policy(p, detail(ex, true))));
    }

    /** Whether the record carries its bundle: Anchore's defaults are without for a list, with for one bundle. */
    private static boolean detail(Exchange ex, boolean byDefault) {
        return ex.query("detail").map(Boolean::parseBoolean).orElse(byDefault);
    }

    private void addPolicy(Exchange ex) throws Exception {
        String account = scope.of(ex);
        JsonNode body = ex.json();
        byte[] bytes = bundleBytes(body);
        ValidatedBundle v = validate(bytes);
        String id = v.bundle().id();
        if (policies.get(account, id).isPresent()) {
            throw ApiException.conflict("policy bundle " + id + " exists; replace it with PUT /v1/policies/" + id);
        }
        boolean activate = ex.query("activate").map(Boolean::parseBoolean).orElse(false)
                || policies.active(account).isEmpty();
        policies.save(account, id, v.bundle().name(), bytes, activate);
        ex.json(200, AnchoreViews.policy(policies.get(account, id).orElseThrow()));
    }

    /** Anchore's PUT body is the policy record: {@code {"policyId", "active", "policybundle": {...}}}. */
    private void updatePolicy(Exchange ex) throws Exception {
        String id = ex.param("policyId");
        String account = scope.of(ex);
        StoredPolicy existing = policies.get(account, id)
                .orElseThrow(() -> ApiException.notFound("no policy bundle " + id + " (create it with POST)"));
        JsonNode body = ex.json();
        JsonNode bundle = body.has("policybundle") ? body.get("policybundle") : body;
        byte[] bytes = bundleBytes(bundle);
        ValidatedBundle v = validate(bytes);
        if (!v.bundle().id().equals(id)) {
            throw ApiException.badRequest("the bundle's id is '" + v.bundle().id() + "', not '" + id + "'");
        }
        boolean active = body.has("active") ? body.get("active").asBoolean() : existing.active();
        if (existing.active() && !active) {
            // an account always keeps one active bundle: the way to move the mark is activating another
            throw ApiException.conflict("cannot deactivate the active policy bundle " + id
                    + "; activate a different one instead");
        }
        policies.save(account, id, v.bundle().name(), bytes, active);
        ex.json(200, List.of(AnchoreViews.policy(policies.get(account, id).orElseThrow())));
    }

    private void deletePolicy(Exchange ex) throws Exception {
        String id = ex.param("policyId");
        String account = scope.of(ex);
        StoredPolicy p = policies.get(account, id).orElseThrow(() -> ApiException.notFound("no policy bundle " + id));
        if (p.active()) {
            throw ApiException.conflict("cannot delete the active policy bundle " + id
                    + "; activate a different one, then delete this one");
        }
        policies.delete(account, id);
        ex.noContent();
    }

    private static byte[] bundleBytes(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badRequest("expected an Anchore policy bundle (a JSON object)");
        }
        try {
            return AnchoreViews.JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw ApiException.badRequest("cannot read the bundle: " + e.getMessage());
        }
    }
}
