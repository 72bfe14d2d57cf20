package io.plimsoll.server.analysis;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.http.Principal;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The analysis queue as other front ends of the server use it (Harbor's scanner API): submit a pull to the same
 * queue and workers as {@code POST /v1/images}, follow the submission, and read the stored inventory, which is
 * shared by every submission of the same manifest digest (a digest analysed once is not pulled again).
 */
public final class AnalysisQueue {

    /**
     * One submission and where it stands.
     *
     * @param annotations what the submitter stored with it (Harbor's artifact fields)
     */
    public record Submission(String id, String status, Optional<String> digest, Optional<String> error,
                             Map<String, String> annotations) {

        public boolean pending() {
            return status.equals(ImageRecord.NOT_ANALYZED) || status.equals(ImageRecord.ANALYZING);
        }

        public boolean failed() {
            return status.equals(ImageRecord.FAILED);
        }
    }

    private final AnalysisRepository repo;
    private final DocumentCache documents;

    public AnalysisQueue(Database db) {
        this.repo = new AnalysisRepository(db);
        this.documents = new DocumentCache(repo, 16);
    }

    /** Queues {@code host/repo@digest} for the admin account, pulled with {@code access}. */
    public Submission submit(String pullReference, PullAccess access, Map<String, String> annotations)
            throws SQLException {
        return view(repo.submit(Principal.ADMIN_ACCOUNT, Optional.empty(), pullReference, Optional.empty(),
                annotations, Optional.of(access)));
    }

    /**
     * Queues a pull for {@code account} as {@code POST /v1/images} does (a registry push webhook's): with the
     * account's registered credentials and the address guard; {@code access}, when given, only says HTTP or HTTPS.
     */
    public Submission submit(String account, Optional<String> tag, String pullReference,
                             Optional<PullAccess> access, Map<String, String> annotations) throws SQLException {
        if (access.isPresent() && access.get().vouched()) {
            throw new IllegalArgumentException("a push is pulled as the account's own, not with vouched access");
        }
        return view(repo.submit(account, tag, pullReference, Optional.empty(), annotations, access));
    }

    public Optional<Submission> submission(String id) throws SQLException {
        return repo.image(Principal.ADMIN_ACCOUNT, id).map(AnalysisQueue::view);
    }

    /** The stored inventory of an analysed manifest digest. */
    public Optional<Inventory> inventory(String digest) throws SQLException {
        return documents.get(digest).map(AnalysisDocument::inventory);
    }

    private static Submission view(ImageRecord r) {
        return new Submission(r.id(), r.status(), r.digest(), r.error(), r.annotations());
    }
}
