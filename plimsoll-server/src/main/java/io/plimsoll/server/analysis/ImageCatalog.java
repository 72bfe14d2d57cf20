package io.plimsoll.server.analysis;

import io.plimsoll.app.AdviseService;
import io.plimsoll.app.EvaluateService;
import io.plimsoll.app.MatchService;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.policy.Action;
import io.plimsoll.policy.PolicyException;
import io.plimsoll.policy.eval.Evaluation;
import io.plimsoll.policy.eval.ValidatedBundle;
import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.analysis.PolicyRepository.StoredPolicy;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.vuln.advice.Advice;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.VulnStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the web UI reads and does with an account's images and policy bundles, over the same repositories, queue,
 * matcher and evaluator the Anchore API uses; every method takes the account, so one account never reaches
 * another's records.
 */
public final class ImageCatalog {

    /** How old feed data may be before the policy's stale-data trigger fires (the API's and the CLI's default). */
    private static final Duration MAX_DATA_AGE = Duration.ofHours(72);

    /** The orders the images table offers, each a fixed SQL clause (nothing typed reaches the SQL). */
    public enum Order {
        ANALYSED("i.analyzed_at DESC NULLS LAST"), ADDED("i.created_at DESC"), TAG("i.tag NULLS LAST"),
        STATUS("i.status"), POLICY(StoredEvaluations.JOIN, StoredEvaluations.BY_ACTION),
        CRITICAL(StoredEvaluations.JOIN, StoredEvaluations.BY_CRITICAL);

        private final String join;
        private final String sql;

        Order(String sql) {
            this("", sql);
        }

        Order(String join, String sql) {
            this.join = join;
            this.sql = sql;
        }
    }

    /**
     * An image's stored verdict and finding counts (table {@code image_evaluation}); {@code current} when made with
     * the account's active bundle and the data as it is now, else being re-made in the background.
     */
    public record Stored(Action finalAction, FindingCounts counts, boolean current) {
    }

    /** The dashboard's sums over the account's analysed images, from their stored evaluations. */
    public record Summary(int images, int analysed, int failed, int pass, int warn, int fail, int evaluated,
                          int stale, FindingCounts counts) {
    }

    /** An image with critical findings, for the dashboard's list of the worst. */
    public record Worst(String imageId, String name, int criticalFixable, int critical) {
    }

    /** One page of records and how many there are in all. */
    public record Page(List<ImageSummary> images, int total) {
    }

    /** An evaluation and the bundle (or built-in pack) it was made with. */
    public record Verdict(String policyId, Evaluation evaluation) {
    }

    /** An image's findings as the data is now and the account's verdict on it. */
    public record Assessment(List<Finding> findings, Verdict verdict) {
    }

    /**
     * What an assessment depends on besides the image: the data version (every committed feed update changes it)
     * and the account's active bundle. Read once per request, so a page of many images asks only once.
     */
    public static final class Stamp {
        private final String key;
        private final String account;
        private final String policyKey;
        private final String dataKey;
        private final Optional<StoredPolicy> active;

        private Stamp(String account, String data, Optional<StoredPolicy> active) {
            this.account = account;
            this.policyKey = active.map(p -> p.policyId() + "@" + p.lastUpdated()).orElse("default");
            this.dataKey = sha256(data);
            this.key = dataKey + "|" + account + "|" + policyKey;
            this.active = active;
        }
    }

    /** A stored bundle as a list shows it. */
    public record Bundle(String id, String name, boolean active, Instant lastUpdated) {
    }

    private final ServerContext ctx;
    private final VulnStore store;
    private final MatchService matcher;
    private final AdviseService adviser;
    private final AnalysisRepository images;
    private final PolicyRepository policies;
    private final DocumentCache documents;
    private final AssessmentCache assessments;
    private final StoredEvaluations evaluations;
    private final EvaluationRefresher refresher;

    public ImageCatalog(ServerContext ctx, VulnStore store) {
        this.ctx = ctx;
        this.store = store;
        this.matcher = new MatchService(store);
        this.adviser = new AdviseService(store);
        this.images = new AnalysisRepository(ctx.database());
        this.policies = new PolicyRepository(ctx.database());
        this.documents = new DocumentCache(images, 32);
        this.assessments = new AssessmentCache(64, ctx.clock());
        this.evaluations = new StoredEvaluations(ctx.database());
        this.refresher = new EvaluationRefresher(this, ctx.log());
    }

    public Page page(String account, Optional<String> search, Optional<String> status, Order order, int page,
                     int size) throws SQLException {
        List<ImageSummary> rows = images.page(account, search, status, order.join, order.sql, size, page * size)
                .stream()
                .map(ImageSummary::of).toList();
        return new Page(rows, images.count(account, search, status));
    }

    /** The account's record; another account's is empty, as one that does not exist. */
    public Optional<ImageSummary> image(String account, String id) throws SQLException {
        return images.image(account, id).map(ImageSummary::of);
    }

    /** Every analysed record of the account, newest first, at most {@code limit}. */
    public List<ImageSummary> analysed(String account, int limit) throws SQLException {
        return images.page(account, Optional.empty(), Optional.of(ImageRecord.ANALYZED), Order.ANALYSED.sql, limit, 0)
                .stream().map(ImageSummary::of).toList();
    }

    public Optional<AnalysisDocument> document(ImageSummary image) throws SQLException {
        return image.analysed() ? documents.get(image.digest().orElseThrow()) : Optional.empty();
    }

    /** The findings as the data is now: matched per request, so a feed update needs no re-analysis. */
    public List<Finding> findings(Inventory inventory) {
        return matcher.findings(inventory);
    }

    public DataFreshness freshness(Inventory inventory) {
        Instant now = ctx.clock().instant();
        return matcher.freshness(Path.of("postgresql"), Ecosystems.dataNeeded(inventory), MAX_DATA_AGE, now);
    }

    public Stamp stamp(String account) throws SQLException {
        Optional<StoredPolicy> active = policies.active(account);
        String data;
        try (var c = ctx.database().connection(); var s = c.createStatement();
             var rs = s.executeQuery(io.plimsoll.server.vulndb.CachingVulnStore.VERSION_QUERY)) {
            data = rs.next() ? String.valueOf(rs.getString(1)) : "";
        }
        return new Stamp(account, data, active);
    }

    /**
     * The image's findings and verdict, kept for a few minutes per image, tag, data version and active bundle: a
     * page read again, or a table of images, does not match and evaluate again until one of them changes.
     */
    public Optional<Assessment> assess(ImageSummary image, Stamp stamp) throws SQLException {
        Optional<AnalysisDocument> doc = document(image);
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        Optional<Assessment> cached = assessments.get(key(image, stamp));
        if (cached.isPresent()) {
            return cached;
        }
        return Optional.of(assessAnew(image, doc.get(), stamp));
    }

    /** Matches and evaluates the image, and keeps the result in memory and as its stored evaluation. */
    private Assessment assessAnew(ImageSummary image, AnalysisDocument doc, Stamp stamp) throws SQLException {
        List<Finding> findings = findings(doc.inventory());
        Assessment a = new Assessment(findings, evaluate(stamp.active, image, doc, findings));
        assessments.put(key(image, stamp), a);
        store(image, stamp, a);
        return a;
    }

    private static String key(ImageSummary image, Stamp stamp) {
        return image.digest().orElseThrow() + "|" + image.tag().orElse(image.pullReference()) + "|" + stamp.key;
    }

    /** Stores the image's evaluation as the data and bundle are now (from the kept assessment when there is one). */
    void restore(String account, ImageSummary image) throws SQLException {
        Stamp stamp = stamp(account);
        Optional<AnalysisDocument> doc = document(image);
        if (doc.isEmpty()) {
            return;
        }
        Optional<Assessment> kept = assessments.get(key(image, stamp));
        if (kept.isPresent()) {
            store(image, stamp, kept.get());
        } else {
            assessAnew(image, doc.get(), stamp);
        }
    }

    /** Keeps the assessment as the image's stored evaluation, which the images table and dashboard read. */
    private void store(ImageSummary image, Stamp stamp, Assessment a) throws SQLException {
        evaluations.save(stamp.account, image.digest().orElseThrow(), image.tag().orElse(image.pullReference()),
                stamp.policyKey, stamp.dataKey, a.verdict().evaluation().finalAction(), FindingCounts.of(a.findings()));
    }

    /**
     * Evaluates a record its analysis just completed, with the findings of its first match, so the images table
     * has its verdict from the start.
     */
    public void analysed(String account, String imageId, List<Finding> findings) throws SQLException {
        Optional<ImageSummary> image = image(account, imageId);
        Optional<AnalysisDocument> doc = image.isPresent() ? document(image.get()) : Optional.empty();
        if (doc.isEmpty()) {
            return;
        }
        Stamp stamp = stamp(account);
        store(image.get(), stamp, new Assessment(findings, evaluate(stamp.active, image.get(), doc.get(), findings)));
    }

    /**
     * The stored evaluations of a page of records, by record id, without matching any. When some of the account's
     * are missing or stale, they are re-made in the background (the page shows what is stored meanwhile).
     */
    public Map<String, Stored> stored(List<ImageSummary> page, Stamp stamp) throws SQLException {
        Map<String, Stored> out = evaluations.of(stamp.account, page.stream().filter(ImageSummary::analysed)
                .map(ImageSummary::id).toList(), stamp.policyKey, stamp.dataKey);
        if (page.stream().anyMatch(s -> s.analysed() && !out.containsKey(s.id()) || out.containsKey(s.id())
                && !out.get(s.id()).current())) {
            refresher.refresh(stamp.account);
        }
        return out;
    }

    /**
     * The dashboard's numbers in one aggregate: the account's records by status, and verdicts and finding counts
     * summed over the analysed ones' stored evaluations; stale or missing ones are re-made in the background.
     */
    public Summary summary(Stamp stamp) throws SQLException {
        Summary s = evaluations.summary(stamp.account, stamp.policyKey, stamp.dataKey);
        if (s.stale() > 0) {
            refresher.refresh(stamp.account);
        }
        return s;
    }

    public List<Worst> worst(String account, int limit) throws SQLException {
        return evaluations.worst(account, limit);
    }

    /** Up to {@code limit} of the account's analysed records whose stored evaluation is missing or stale. */
    List<ImageSummary> stale(String account, int limit) throws SQLException {
        Stamp stamp = stamp(account);
        List<ImageSummary> out = new ArrayList<>();
        for (String id : evaluations.stale(account, stamp.policyKey, stamp.dataKey, limit)) {
            image(account, id).ifPresent(out::add);
        }
        return out;
    }

    /** Stops the background re-evaluation. */
    public void close() {
        refresher.close();
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fix advice for an assessment's findings (the smallest upgrade per package, base or own layer, the command),
     * with the base told by the image's annotations or history, as {@code plimsoll advise} tells it.
     */
    public Advice advice(AnalysisDocument doc, Assessment assessment) {
        return adviser.advise(doc.inventory(), assessment.findings(), BaseImage.of(doc.inventory().image()));
    }

    /** The account's active bundle (or the built-in default pack) over the image, as the API's check does. */
    public Verdict evaluate(String account, ImageSummary image, AnalysisDocument doc, List<Finding> findings)
            throws SQLException {
        return evaluate(policies.active(account), image, doc, findings);
    }

    private Verdict evaluate(Optional<StoredPolicy> active, ImageSummary image, AnalysisDocument doc,
                             List<Finding> findings) {
        EvaluateService evaluator;
        String id;
        try {
            evaluator = active.isPresent() ? EvaluateService.read("policy bundle", active.get().bundle())
                    : EvaluateService.pack("default").orElseThrow();
            id = active.map(StoredPolicy::policyId).orElse("default");
        } catch (PolicyException e) {
            throw new IllegalStateException("stored bundle no longer validates: " + e.getMessage(), e);
        }
        ImageName parsed = image.name();
        ImageName name = new ImageName(parsed.registry(), parsed.repository(), parsed.tag(), image.digest(),
                doc.inventory().image().configDigest().map(Object::toString));
        Instant now = ctx.clock().instant();
        return new Verdict(id, evaluator.evaluate(name, doc.inventory(), findings, freshness(doc.inventory()),
                doc.content(), Optional.empty(), now));
    }

    /**
     * Queues {@code reference} (registry/repo:tag) for the account, as {@code POST /v1/images} does; a tag already
     * waiting is joined. A malformed reference is a 400 saying why.
     */
    public ImageSummary submit(String account, String reference) throws SQLException {
        String ref = reference.trim();
        if (ref.isEmpty() || ref.chars().anyMatch(Character::isWhitespace)) {
            throw ApiException.badRequest("not an image reference: '" + reference + "'");
        }
        try {
            ImageReferences.parse("registry:" + ref);
        } catch (ImageException | RuntimeException e) {
            throw ApiException.badRequest("not an image reference: " + e.getMessage());
        }
        ImageName n = ImageName.parse(ref);
        if (n.digest().isPresent()) {
            String pull = n.registry() + "/" + n.repository() + "@" + n.digest().get();
            return ImageSummary.of(images.submit(account, Optional.empty(), pull, Optional.empty(),
                    java.util.Map.of()));
        }
        String full = n.registry() + "/" + n.repository() + ":" + n.tag();
        Optional<ImageRecord> pending = images.pendingForTag(account, full);
        if (pending.isPresent()) {
            return ImageSummary.of(pending.get());
        }
        return ImageSummary.of(images.submit(account, Optional.of(full), full, Optional.empty(), java.util.Map.of()));
    }

    /** Analyses the image again (its tag may point elsewhere now): a new record, as the API's {@code force}. */
    public ImageSummary rescan(String account, ImageSummary image) throws SQLException {
        ImageRecord r = images.image(account, image.id()).orElseThrow(() -> ApiException.notFound("no image"));
        if (r.tag().isPresent()) {
            Optional<ImageRecord> pending = images.pendingForTag(account, r.tag().get());
            if (pending.isPresent()) {
                return ImageSummary.of(pending.get());
            }
        }
        return ImageSummary.of(images.submit(account, r.tag(), r.pullReference(), r.dockerfile(), r.annotations()));
    }

    // ---- policies ----

    public List<Bundle> bundles(String account) throws SQLException {
        List<Bundle> out = new ArrayList<>();
        for (StoredPolicy p : policies.list(account)) {
            out.add(new Bundle(p.policyId(), p.name(), p.active(), p.lastUpdated()));
        }
        return out;
    }

    /** The stored bundle's JSON, for viewing its rules. */
    public Optional<byte[]> bundle(String account, String id) throws SQLException {
        return policies.get(account, id).map(StoredPolicy::bundle);
    }

    /**
     * Stores an uploaded bundle (replacing one of the same id, which keeps its active mark); the account's first is
     * activated. A bundle that does not validate is a 400 naming the broken rule.
     */
    public String upload(String account, byte[] json, boolean activate) throws SQLException {
        ValidatedBundle v;
        try {
            v = EvaluateService.read("policy bundle", json).bundle();
        } catch (PolicyException e) {
            throw ApiException.badRequest("invalid policy bundle: " + e.getMessage());
        }
        String id = v.bundle().id();
        boolean active = activate || policies.active(account).isEmpty()
                || policies.get(account, id).map(StoredPolicy::active).orElse(false);
        policies.save(account, id, v.bundle().name(), json, active);
        return id;
    }

    public void activate(String account, String id) throws SQLException {
        StoredPolicy p = policies.get(account, id).orElseThrow(() -> ApiException.notFound("no policy bundle " + id));
        policies.save(account, id, p.name(), p.bundle(), true);
    }

    /** Every feed source and its parts (OSV's ecosystems), as {@code /v1/system/feeds} lists them. */
    public List<SourceStatus> feeds() {
        List<SourceStatus> out = new ArrayList<>();
        for (SourceStatus s : store.sources()) {
            out.add(s);
            out.addAll(s.parts());
        }
        return out;
    }
}
