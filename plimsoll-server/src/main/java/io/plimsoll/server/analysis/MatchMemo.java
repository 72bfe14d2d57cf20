package io.plimsoll.server.analysis;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The images matched in one watcher round or rescan pass, so an image several subscriptions point at (a tag's
 * vuln_update and policy_eval, a digest key beside its tag) is matched once per pass rather than once per
 * subscription. The matches themselves are kept only for the last few digests (an image's document and findings can
 * be megabytes; callers visit one key's subscriptions together); which digests were matched, and which of them had
 * their findings rewritten, is kept for the whole pass so the rescan's sweep can skip them.
 */
public final class MatchMemo {

    private static final int KEPT = 8;

    private final ImageTags images;
    private final Map<String, Optional<ImageTags.Matched>> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<ImageTags.Matched>> eldest) {
            return size() > KEPT;
        }
    };
    private final Set<String> matched = new HashSet<>();
    private final Set<String> rewritten = new HashSet<>();
    private int matches;

    MatchMemo(ImageTags images) {
        this.images = images;
    }

    /** The digest's stored analysis matched as the data is now: matched in this pass already, or now. */
    public Optional<ImageTags.Matched> match(String digest) throws SQLException {
        Optional<ImageTags.Matched> hit = recent.get(digest);
        if (hit != null) {
            return hit;
        }
        Optional<ImageTags.Matched> m = images.match(digest);
        matches++;
        recent.put(digest, m);
        matched.add(digest);
        if (m.filter(ImageTags.Matched::rewritten).isPresent()) {
            rewritten.add(digest);
        }
        return m;
    }

    /** Whether this pass has matched the digest (its query tables are as the data is now). */
    public boolean matched(String digest) {
        return matched.contains(digest);
    }

    /** Whether a match in this pass changed the digest's findings. */
    public boolean rewritten(String digest) {
        return rewritten.contains(digest);
    }

    /** How many times this pass matched an image. */
    public int matches() {
        return matches;
    }
}
