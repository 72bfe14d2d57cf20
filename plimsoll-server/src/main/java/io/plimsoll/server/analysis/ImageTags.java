package io.plimsoll.server.analysis;

import io.plimsoll.app.EvaluateService;
import io.plimsoll.app.MatchService;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.query.QueryIndex;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.VulnStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the subscription watcher needs of an account's images, by subscription key (a full tag {@code host/repo:tag},
 * or the manifest digest of an image submitted by digest alone): queue a tag, the tags known under a repository, and
 * for the key's newest record its analysis state, vulnerabilities and policy outcome as they are now (matched and
 * evaluated as {@code GET .../vuln} and {@code .../check} do, the query tables rewritten when the findings changed);
 * and, for the rescan, every stored analysis matched again.
 */
public final class ImageTags {

    /** The newest record of a tag: its analysis status and, once pulled, its manifest digest. */
    public record TagImage(String status, Optional<String> digest) {
        public boolean analysed() {
            return status.equals(ImageRecord.ANALYZED) && digest.isPresent();
        }
    }

    private static final Duration MAX_DATA_AGE = Duration.ofHours(72);

    private final ServerContext ctx;
    private final AnalysisRepository images;
    private final PolicyRepository policies;
    private final DocumentCache documents;
    private final MatchService matcher;
    private final QueryIndex queryIndex;

    public ImageTags(ServerContext ctx, VulnStore store) {
        this.ctx = ctx;
        this.images = new AnalysisRepository(ctx.database());
        this.policies = new PolicyRepository(ctx.database());
        this.documents = new DocumentCache(images, 16);
        this.matcher = new MatchService(store);
        this.queryIndex = new QueryIndex(ctx.database());
    }

    /** The tag as the API files it: {@code registry/repository:tag}, Docker Hub's names made explicit. */
    public static String fullTag(String reference) {
        ImageName n = ImageName.parse(reference);
        return n.registry() + "/" + n.repository() + ":" + n.tag();
    }

    /** Queues the tag for analysis unless a record of it is already waiting or running; true when queued. */
    public boolean submit(String account, String fullTag) throws SQLException {
        if (images.pendingForTag(account, fullTag).isPresent()) {
            return false;
        }
        images.submit(account, Optional.of(fullTag), fullTag);
        return true;
    }

    /** Every tag the account has a record of under {@code registry/repository}. */
    public Set<String> tags(String account, String repository) throws SQLException {
        String prefix = repository + ":";
        Set<String> out = new TreeSet<>();
        try (Connection c = ctx.database().connection();
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT tag FROM analysis_image WHERE account = ?"
                     + " AND left(tag, ?) = ?")) {
            s.setString(1, account);
            s.setInt(2, prefix.length());
            s.setString(3, prefix);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * The newest record of a subscription key: a full tag, or the manifest digest of an image submitted by digest
     * alone.
     */
    public Optional<TagImage> latest(String account, String key) throws SQLException {
        List<ImageRecord> records = images.listByKey(account, key, Optional.empty());
        if (records.isEmpty()) {
            return Optional.empty();
        }
        ImageRecord r = records.get(records.size() - 1);
        return Optional.of(new TagImage(r.status(), r.digest()));
    }

    /** One stored analysis matched against the data as it is now. */
    public static final class Matched {
        private final String digest;
        private final AnalysisDocument document;
        private final List<Finding> findings;
        private final boolean rewritten;

        private Matched(String digest, AnalysisDocument document, List<Finding> findings, boolean rewritten) {
            this.digest = digest;
            this.document = document;
            this.findings = findings;
            this.rewritten = rewritten;
        }

        public String digest() {
            return digest;
        }

        /** Whether this match changed the findings the query tables held for the digest (and rewrote them). */
        public boolean rewritten() {
            return rewritten;
        }

        /** The vulnerabilities, one {@code "ID package-version"} line each, sorted: what vuln_update compares. */
        public List<String> vulnerabilities() {
            Set<String> out = new TreeSet<>();
            for (Finding f : findings) {
                out.add(f.advisory().id() + " " + f.pkg().name() + "-" + f.pkg().version());
            }
            return new ArrayList<>(out);
        }
    }

    /** A page of every stored analysis's digest, in digest order after {@code after}. */
    public List<String> analysedDigests(Optional<String> after, int limit) throws SQLException {
        return images.analysedDigests(after, limit);
    }

    public int analysedCount() throws SQLException {
        return images.analysedCount();
    }

    /**
     * Matches the stored analysis of {@code digest} (its inventory: no pull) and rewrites the query tables' findings
     * when they changed; empty when the analysis is gone.
     */
    public Optional<Matched> match(String digest) throws SQLException {
        Optional<AnalysisDocument> doc = documents.get(digest);
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        List<Finding> findings = matcher.findings(doc.get().inventory());
        boolean rewritten = queryIndex.writeFindings(digest, findings.stream().map(AnchoreViews::findingRow).toList());
        return Optional.of(new Matched(digest, doc.get(), findings, rewritten));
    }

    /** The key's newest analysed image matched as the data is now; empty when it has no analysis. */
    public Optional<Matched> matched(String account, String key, MatchMemo memo) throws SQLException {
        Optional<ImageRecord> r = newestAnalysed(account, key);
        return r.isEmpty() ? Optional.empty() : memo.match(r.get().digest().orElseThrow());
    }

    /** A memo for one pass over many subscriptions or images: each image matched once. */
    public MatchMemo memo() {
        return new MatchMemo(this);
    }

    /**
     * The final action ({@code go}, {@code warn}, {@code stop}) of the account's active bundle (or the built-in
     * default) over the key's newest analysed image, as {@code GET /v1/images/{digest}/check} would answer now.
     */
    public Optional<String> finalAction(String account, String key, MatchMemo memo) throws Exception {
        Optional<ImageRecord> record = newestAnalysed(account, key);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        Optional<Matched> m = memo.match(record.get().digest().orElseThrow());
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Optional<PolicyRepository.StoredPolicy> stored = policies.active(account);
        EvaluateService evaluator = stored.isPresent()
                ? EvaluateService.read("policy bundle", stored.get().bundle())
                : EvaluateService.pack("default").orElseThrow();
        // policy mappings select by tag; an image submitted by digest alone is mapped by its pull reference
        ImageName parsed = ImageName.parse(record.get().tag().orElse(record.get().pullReference()));
        ImageName name = new ImageName(parsed.registry(), parsed.repository(), parsed.tag(), record.get().digest(),
                record.get().configDigest());
        Instant now = ctx.clock().instant();
        Inventory inventory = m.get().document.inventory();
        var evaluation = evaluator.evaluate(name, inventory, m.get().findings,
                matcher.freshness(Path.of("postgresql"), Ecosystems.dataNeeded(inventory), MAX_DATA_AGE, now),
                m.get().document.content(), Optional.empty(), now);
        return Optional.of(evaluation.finalAction().name().toLowerCase(java.util.Locale.ROOT));
    }

    private Optional<ImageRecord> newestAnalysed(String account, String key) throws SQLException {
        List<ImageRecord> records = images.listByKey(account, key, Optional.of(ImageRecord.ANALYZED));
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1))
                .filter(r -> r.digest().isPresent());
    }
}
