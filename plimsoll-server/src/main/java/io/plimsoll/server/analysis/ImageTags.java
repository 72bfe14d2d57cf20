package io.plimsoll.server.analysis;

import io.plimsoll.app.EvaluateService;
import io.plimsoll.app.MatchService;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.server.ServerContext;
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
 * What the subscription watcher needs of an account's images, by full tag ({@code host/repo:tag}): queue a tag, the
 * tags known under a repository, and for the tag's newest record its analysis state, vulnerabilities and policy
 * outcome as they are now (matched and evaluated as {@code GET .../vuln} and {@code .../check} do).
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

    public ImageTags(ServerContext ctx, VulnStore store) {
        this.ctx = ctx;
        this.images = new AnalysisRepository(ctx.database());
        this.policies = new PolicyRepository(ctx.database());
        this.documents = new DocumentCache(images, 16);
        this.matcher = new MatchService(store);
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

    public Optional<TagImage> latest(String account, String fullTag) throws SQLException {
        List<ImageRecord> records = images.list(account, Optional.of(fullTag), Optional.empty());
        if (records.isEmpty()) {
            return Optional.empty();
        }
        ImageRecord r = records.get(records.size() - 1);
        return Optional.of(new TagImage(r.status(), r.digest()));
    }

    /**
     * The vulnerabilities of the tag's newest analysed image as the data is now, one {@code "ID package-version"}
     * line each, sorted; empty when it has no analysis.
     */
    public Optional<List<String>> vulnerabilities(String account, String fullTag) throws SQLException {
        Optional<AnalysisDocument> doc = analysed(account, fullTag);
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        Set<String> out = new TreeSet<>();
        for (Finding f : matcher.findings(doc.get().inventory())) {
            out.add(f.advisory().id() + " " + f.pkg().name() + "-" + f.pkg().version());
        }
        return Optional.of(new ArrayList<>(out));
    }

    /**
     * The final action ({@code go}, {@code warn}, {@code stop}) of the account's active bundle (or the built-in
     * default) over the tag's newest analysed image, as {@code GET /v1/images/{digest}/check} would answer now.
     */
    public Optional<String> finalAction(String account, String fullTag) throws Exception {
        Optional<ImageRecord> record = newestAnalysed(account, fullTag);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        AnalysisDocument doc = documents.get(record.get().digest().orElseThrow()).orElseThrow();
        Optional<PolicyRepository.StoredPolicy> stored = policies.active(account);
        EvaluateService evaluator = stored.isPresent()
                ? EvaluateService.read("policy bundle", stored.get().bundle())
                : EvaluateService.pack("default").orElseThrow();
        ImageName parsed = ImageName.parse(fullTag);
        ImageName name = new ImageName(parsed.registry(), parsed.repository(), parsed.tag(), record.get().digest(),
                record.get().configDigest());
        Instant now = ctx.clock().instant();
        var evaluation = evaluator.evaluate(name, doc.inventory(), matcher.findings(doc.inventory()),
                matcher.freshness(Path.of("postgresql"), Ecosystems.dataNeeded(doc.inventory()), MAX_DATA_AGE, now),
                doc.content(), Optional.empty(), now);
        return Optional.of(evaluation.finalAction().name().toLowerCase(java.util.Locale.ROOT));
    }

    private Optional<AnalysisDocument> analysed(String account, String fullTag) throws SQLException {
        Optional<ImageRecord> r = newestAnalysed(account, fullTag);
        return r.isEmpty() ? Optional.empty() : documents.get(r.get().digest().orElseThrow());
    }

    private Optional<ImageRecord> newestAnalysed(String account, String fullTag) throws SQLException {
        List<ImageRecord> records = images.list(account, Optional.of(fullTag), Optional.of(ImageRecord.ANALYZED));
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1))
                .filter(r -> r.digest().isPresent());
    }
}
