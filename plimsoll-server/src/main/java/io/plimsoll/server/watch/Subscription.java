package io.plimsoll.server.watch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One of an account's Anchore subscriptions.
 *
 * @param key       a full tag ({@code host/repo:tag}), {@code host/repo} for {@code repo_update}, or the manifest
 *                  digest ({@code sha256:…}) of an image submitted by digest alone
 * @param value     Anchore's free-form value; for {@code repo_update} a JSON object with the tag count
 * @param lastState what the watcher saw at its last look (see {@link Watcher}); empty before the first
 */
public record Subscription(String id, String account, String type, String key, Optional<String> value,
                           boolean active, Optional<String> lastState, Instant createdAt, Instant lastUpdated) {

    public static final String TAG_UPDATE = "tag_update";
    public static final String REPO_UPDATE = "repo_update";
    public static final String VULN_UPDATE = "vuln_update";
    public static final String POLICY_EVAL = "policy_eval";
    public static final String ANALYSIS_UPDATE = "analysis_update";

    public static final List<String> TYPES = List.of(TAG_UPDATE, REPO_UPDATE, VULN_UPDATE, POLICY_EVAL,
            ANALYSIS_UPDATE);

    /** The subscriptions every added tag gets, as Anchore creates them (only tag_update may start active). */
    public static final List<String> TAG_TYPES = List.of(TAG_UPDATE, POLICY_EVAL, VULN_UPDATE, ANALYSIS_UPDATE);

    /** The subscriptions an image submitted by digest alone gets: a digest never moves, so no tag_update. */
    public static final List<String> DIGEST_TYPES = List.of(POLICY_EVAL, VULN_UPDATE, ANALYSIS_UPDATE);

    /** Whether a key names an image by its manifest digest rather than by tag or repository. */
    public static boolean isDigestKey(String key) {
        return key.matches("sha256:[0-9a-f]{64}");
    }
}
