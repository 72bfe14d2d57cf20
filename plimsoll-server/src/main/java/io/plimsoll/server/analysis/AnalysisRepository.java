package io.plimsoll.server.analysis;

import io.plimsoll.server.db.Database;
import io.plimsoll.server.query.QueryIndex;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.UUID;

/**
 * Image records, stored analyses and the analysis queue in PostgreSQL. Lease times are the database's clock
 * ({@code now()}), so replicas with skewed clocks still agree on when a lease expired.
 */
final class AnalysisRepository {

    /** A taken job: run it, renew its lease while it runs, then complete or fail it as its owner. */
    record Job(long id, String imageId, String pullReference, int attempts, String account) {
    }

    private static final String IMAGE_COLUMNS = "i.id, i.tag, i.pull_reference, i.image_digest, i.status, i.error,"
            + " i.created_at, i.last_updated, i.analyzed_at, r.config_digest, r.distro, r.package_count, i.dockerfile,"
            + " i.annotations";
    private static final String IMAGE_FROM = " FROM analysis_image i LEFT JOIN analysis_result r"
            + " ON r.image_digest = i.image_digest";

    private final Database db;

    AnalysisRepository(Database db) {
        this.db = db;
    }

    // ---- image records ----

    /** A record of the admin account (the only account before accounts existed). */
    ImageRecord submit(Optional<String> tag, String pullReference) throws SQLException {
        return submit(io.plimsoll.server.http.Principal.ADMIN_ACCOUNT, tag, pullReference);
    }

    /** A new record of the account and its queued job, in one transaction (a record is never without its job). */
    ImageRecord submit(String account, Optional<String> tag, String pullReference) throws SQLException {
        return submit(account, tag, pullReference, Optional.empty(), Map.of());
    }

    /** As {@link #submit(String, Optional, String)}, with the Dockerfile and annotations the client sent. */
    ImageRecord submit(String account, Optional<String> tag, String pullReference, Optional<String> dockerfile,
                       Map<String, String> annotations) throws SQLException {
        return submit(account, tag, pullReference, dockerfile, annotations, Optional.empty());
    }

    /** As above, pulled with {@code access} (kept with the job until it ends) when given. */
    ImageRecord submit(String account, Optional<String> tag, String pullReference, Optional<String> dockerfile,
                       Map<String, String> annotations, Optional<PullAccess> access) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement img = c.prepareStatement("INSERT INTO analysis_image (id, tag, pull_reference,"
                    + " status, account, dockerfile, annotations) VALUES (?, ?, ?, 'not_analyzed', ?, ?, ?)");
                 PreparedStatement job = c.prepareStatement("INSERT INTO analysis_job (image_id) VALUES (?)")) {
                img.setString(1, id);
                img.setString(2, tag.orElse(null));
                img.setString(3, pullReference);
                img.setString(4, account);
                img.setString(5, dockerfile.orElse(null));
                img.setString(6, encode(annotations));
                img.executeUpdate();
                job.setString(1, id);
                job.executeUpdate();
                if (access.isPresent()) {
                    try (PreparedStatement a = c.prepareStatement("INSERT INTO analysis_pull_access (image_id,"
                            + " registry_url, auth_header, vouched) VALUES (?, ?, ?, ?)")) {
                        a.setString(1, id);
                        a.setString(2, access.get().registryUrl().toString());
                        a.setString(3, access.get().authorization().orElse(null));
                        a.setBoolean(4, access.get().vouched());
                        a.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return image(id).orElseThrow();
    }

    /**
     * A record that is analysed from the start (an imported SBOM): its stored analysis, query rows and record in one
     * transaction, and no job. An analysis already stored under the digest is shared, as a pulled one is.
     */
    ImageRecord imported(String account, Optional<String> tag, String pullReference, Analysis a,
                         List<QueryIndex.FindingRow> findings) throws SQLException {
        String id = UUID.randomUUID().toString();
        AnalysisDocument doc = a.document().orElseThrow();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                boolean stored;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO analysis_result (image_digest,"
                        + " config_digest, distro, package_count, document) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (image_digest) DO NOTHING")) {
                    s.setString(1, a.digest());
                    s.setString(2, a.configDigest().orElse(null));
                    s.setString(3, a.distro().orElse(null));
                    s.setInt(4, a.packageCount());
                    s.setBytes(5, doc.encode());
                    stored = s.executeUpdate() == 1;
                }
                if (stored) {
                    QueryIndex.writePackages(c, a.digest(), doc.inventory().packages().stream()
                            .map(AnchoreViews::packageRow).toList());
                }
                QueryIndex.writeFindings(c, a.digest(), findings);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO analysis_image (id, tag, pull_reference,"
                        + " image_digest, status, account, analyzed_at) VALUES (?, ?, ?, ?, 'analyzed', ?, now())")) {
                    s.setString(1, id);
                    s.setString(2, tag.orElse(null));
                    s.setString(3, pullReference);
                    s.setString(4, a.digest());
                    s.setString(5, account);
                    s.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return image(id).orElseThrow();
    }

    Optional<ImageRecord> image(String id) throws SQLException {
        List<ImageRecord> r = images("WHERE i.id = ?", id);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /** The account's record with this id. */
    Optional<ImageRecord> image(String account, String id) throws SQLException {
        List<ImageRecord> r = images("WHERE i.account = ? AND i.id = ?", account, id);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /** The account's newest record with this manifest digest. */
    Optional<ImageRecord> byDigest(String account, String digest) throws SQLException {
        List<ImageRecord> r = images("WHERE i.account = ? AND i.image_digest = ? ORDER BY i.created_at DESC LIMIT 1",
                account, digest);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /** The account's record of this tag still waiting or running: submitting the tag again joins it. */
    Optional<ImageRecord> pendingForTag(String account, String tag) throws SQLException {
        List<ImageRecord> r = images("WHERE i.account = ? AND i.tag = ? AND i.status IN ('not_analyzed',"
                + " 'analyzing') ORDER BY i.created_at DESC LIMIT 1", account, tag);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    List<ImageRecord> list(String account, Optional<String> tag, Optional<String> status) throws SQLException {
        StringBuilder where = new StringBuilder("WHERE i.account = ?");
        List<String> args = new ArrayList<>(List.of(account));
        tag.ifPresent(t -> {
            where.append(" AND i.tag = ?");
            args.add(t);
        });
        status.ifPresent(s -> {
            where.append(" AND i.status = ?");
            args.add(s);
        });
        where.append(" ORDER BY i.created_at, i.id");
        return images(where.toString(), args.toArray(String[]::new));
    }

    /**
     * The account's records of a subscription key, oldest first: a full tag's records, or for a manifest digest
     * ({@code sha256:…}, an image submitted by digest alone) the records pulled by it or analysed as it.
     */
    List<ImageRecord> listByKey(String account, String key, Optional<String> status) throws SQLException {
        if (!key.matches("sha256:[0-9a-f]{64}")) {
            return list(account, Optional.of(key), status);
        }
        // hex digits only: nothing in the pattern is a LIKE wildcard
        String where = "WHERE i.account = ? AND (i.image_digest = ? OR i.pull_reference LIKE ?)"
                + (status.isPresent() ? " AND i.status = ?" : "") + " ORDER BY i.created_at, i.id";
        List<String> args = new ArrayList<>(List.of(account, key, "%@" + key));
        status.ifPresent(args::add);
        return images(where, args.toArray(String[]::new));
    }

    /** One page of the account's records, for a table: text search over tag and digest, a status, an order. */
    List<ImageRecord> page(String account, Optional<String> search, Optional<String> status, String orderBy,
                           int limit, int offset) throws SQLException {
        return page(account, search, status, "", orderBy, limit, offset);
    }

    /** As {@link #page}, with {@code join} (a fixed clause) adding what the order reads. */
    List<ImageRecord> page(String account, Optional<String> search, Optional<String> status, String join,
                           String orderBy, int limit, int offset) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE i.account = ?");
        List<String> args = new ArrayList<>(List.of(account));
        pageFilter(where, args, search, status);
        String order = " ORDER BY " + orderBy + ", i.id";
        String page = order + " LIMIT " + limit + " OFFSET " + offset;
        if (join.isEmpty()) {
            return images(where + page, args.toArray(String[]::new));
        }
        // the order reads another table: the page's ids are found over the narrow join alone (no analysis_result,
        // no wide columns carried through the sort), then only those records are read
        return images(join + " WHERE i.id IN (SELECT i.id FROM analysis_image i" + join + where + page + ")"
                + order, args.toArray(String[]::new));
    }

    /** How many records {@link #page} pages through. */
    int count(String account, Optional<String> search, Optional<String> status) throws SQLException {
        StringBuilder where = new StringBuilder("WHERE i.account = ?");
        List<String> args = new ArrayList<>(List.of(account));
        pageFilter(where, args, search, status);
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM analysis_image i " + where)) {
            for (int i = 0; i < args.size(); i++) {
                s.setString(i + 1, args.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void pageFilter(StringBuilder where, List<String> args, Optional<String> search,
                                   Optional<String> status) {
        search.ifPresent(q -> {
            // a literal substring: LIKE's wildcards in what was typed match themselves
            where.append(" AND (i.tag ILIKE ? ESCAPE '\\' OR i.image_digest ILIKE ? ESCAPE '\\'"
                    + " OR i.pull_reference ILIKE ? ESCAPE '\\')");
            String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            args.addAll(List.of(like, like, like));
        });
        status.ifPresent(st -> {
            where.append(" AND i.status = ?");
            args.add(st);
        });
    }

    private List<ImageRecord> images(String where, String... args) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + IMAGE_COLUMNS + IMAGE_FROM + " " + where)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            List<ImageRecord> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new ImageRecord(rs.getString(1), Optional.ofNullable(rs.getString(2)), rs.getString(3),
                            Optional.ofNullable(rs.getString(4)), rs.getString(5), Optional.ofNullable(rs.getString(6)),
                            rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                            Optional.ofNullable(rs.getTimestamp(9)).map(Timestamp::toInstant),
                            Optional.ofNullable(rs.getString(10)), Optional.ofNullable(rs.getString(11)),
                            rs.getInt(12), Optional.ofNullable(rs.getString(13)), decode(rs.getString(14))));
                }
            }
            return out;
        }
    }

    /** The account's newest record whose image id (config digest without {@code sha256:}) is this. */
    Optional<ImageRecord> byImageId(String account, String imageId) throws SQLException {
        List<ImageRecord> r = images("WHERE i.account = ? AND r.config_digest = ? ORDER BY i.created_at DESC LIMIT 1",
                account, "sha256:" + imageId);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /**
     * Deletes the account's records of this manifest digest (or the one record with this id, for a submission that
     * never got a digest), their jobs with them; a stored analysis no record refers to any more goes too.
     *
     * @return how many records were deleted
     */
    int delete(String account, ImageRecord record) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                int n;
                try (PreparedStatement s = c.prepareStatement(record.digest().isPresent()
                        ? "DELETE FROM analysis_image WHERE account = ? AND image_digest = ?"
                        : "DELETE FROM analysis_image WHERE account = ? AND id = ?")) {
                    s.setString(1, account);
                    s.setString(2, record.digest().orElse(record.id()));
                    n = s.executeUpdate();
                }
                if (record.digest().isPresent()) {
                    try (PreparedStatement s = c.prepareStatement("DELETE FROM analysis_result r WHERE image_digest = ?"
                            + " AND NOT EXISTS (SELECT 1 FROM analysis_image i WHERE i.image_digest = r.image_digest)")) {
                        s.setString(1, record.digest().get());
                        s.executeUpdate();
                    }
                }
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static String encode(Map<String, String> annotations) {
        try {
            return AnchoreViews.JSON.writeValueAsString(new TreeMap<>(annotations));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> decode(String json) {
        try {
            return AnchoreViews.JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<TreeMap<String,
                    String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored annotations are not a JSON object of strings: " + json, e);
        }
    }

    /** How the submission is to be pulled, when its requester said (see {@link PullAccess}). */
    Optional<PullAccess> pullAccess(String imageId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT registry_url, auth_header, vouched FROM"
                     + " analysis_pull_access WHERE image_id = ?")) {
            s.setString(1, imageId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new PullAccess(java.net.URI.create(rs.getString(1)),
                        Optional.ofNullable(rs.getString(2)), rs.getBoolean(3))) : Optional.empty();
            }
        }
    }

    /** Drops the credentials once no try of the job will need them again. */
    void forgetPullAccess(String imageId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM analysis_pull_access WHERE image_id = ?")) {
            s.setString(1, imageId);
            s.executeUpdate();
        }
    }

    // ---- stored analyses ----

    boolean analysed(String digest) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM analysis_result WHERE image_digest = ?")) {
            s.setString(1, digest);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A page of every stored analysis's manifest digest, in digest order after {@code after} (the rescan's). */
    List<String> analysedDigests(Optional<String> after, int limit) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT image_digest FROM analysis_result WHERE image_digest > ?"
                     + " ORDER BY image_digest LIMIT ?")) {
            s.setString(1, after.orElse(""));
            s.setInt(2, limit);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    int analysedCount() throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM analysis_result");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    Optional<byte[]> document(String digest) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT document FROM analysis_result WHERE image_digest = ?")) {
            s.setString(1, digest);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    // ---- the queue ----

    /**
     * Takes the oldest job that is queued (and due) or whose lease expired, under a new lease for {@code owner}.
     * Running jobs whose lease expired after {@code maxAttempts} tries are failed first, so a job that kills its
     * worker every time ends instead of circulating.
     */
    Optional<Job> take(String owner, Duration lease, int maxAttempts) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement dead = c.prepareStatement("WITH dead AS (UPDATE analysis_job SET"
                        + " state = 'failed', lease_owner = NULL, updated_at = now(),"
                        + " last_error = 'its worker stopped renewing the lease ' || attempts || ' times'"
                        + " || coalesce(' (last error: ' || last_error || ')', '')"
                        + " WHERE state = 'running' AND lease_until < now() AND attempts >= ?"
                        + " RETURNING image_id, last_error)"
                        + " UPDATE analysis_image i SET status = 'analysis_failed', error = dead.last_error,"
                        + " last_updated = now() FROM dead WHERE i.id = dead.image_id")) {
                    dead.setInt(1, maxAttempts);
                    dead.executeUpdate();
                }
                Optional<Job> job = Optional.empty();
                try (PreparedStatement s = c.prepareStatement("WITH next AS (SELECT id FROM analysis_job"
                        + " WHERE ((state = 'queued' AND (lease_until IS NULL OR lease_until <= now()))"
                        + " OR (state = 'running' AND lease_until < now())) AND attempts < ?"
                        + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)"
                        + " UPDATE analysis_job j SET state = 'running', attempts = j.attempts + 1, lease_owner = ?,"
                        + " lease_until = now() + ? * interval '1 millisecond', updated_at = now()"
                        + " FROM next, analysis_image i WHERE j.id = next.id AND i.id = j.image_id"
                        + " RETURNING j.id, j.image_id, i.pull_reference, j.attempts, i.account")) {
                    s.setInt(1, maxAttempts);
                    s.setString(2, owner);
                    s.setLong(3, lease.toMillis());
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            job = Optional.of(new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                    rs.getString(5)));
                        }
                    }
                }
                if (job.isPresent()) {
                    try (PreparedStatement s = c.prepareStatement("UPDATE analysis_image SET status = 'analyzing',"
                            + " last_updated = now() WHERE id = ?")) {
                        s.setString(1, job.get().imageId());
                        s.executeUpdate();
                    }
                }
                c.commit();
                return job;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Extends the lease; false when {@code owner} no longer holds the job (another replica took it over). */
    boolean renew(long job, String owner, Duration lease) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE analysis_job SET lease_until = now() + ?"
                     + " * interval '1 millisecond' WHERE id = ? AND lease_owner = ? AND state = 'running'")) {
            s.setLong(1, lease.toMillis());
            s.setLong(2, job);
            s.setString(3, owner);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Stores the analysis and marks the job done, only if {@code owner} still holds it: a replica that lost its
     * lease (it stalled, another took over) changes nothing, so no job is completed twice.
     */
    boolean complete(Job job, String owner, Analysis a) throws SQLException {
        return complete(job, owner, a, Optional.empty());
    }

    /**
     * As {@link #complete(Job, String, Analysis)}; a new analysis also gets its packages, and the findings of its
     * first match when there is one, into the query tables in the same transaction.
     */
    boolean complete(Job job, String owner, Analysis a, Optional<List<QueryIndex.FindingRow>> findings)
            throws SQLException {
        byte[] document = a.document().map(AnalysisDocument::encode).orElse(null);
        return whileOwning(job, owner, c -> {
            if (document != null) {
                boolean stored;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO analysis_result (image_digest,"
                        + " config_digest, distro, package_count, document) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (image_digest) DO NOTHING")) {
                    s.setString(1, a.digest());
                    s.setString(2, a.configDigest().orElse(null));
                    s.setString(3, a.distro().orElse(null));
                    s.setInt(4, a.packageCount());
                    s.setBytes(5, document);
                    stored = s.executeUpdate() == 1;
                }
                // a digest another record stored meanwhile already has its rows
                if (stored) {
                    QueryIndex.writePackages(c, a.digest(), a.document().get().inventory().packages().stream()
                            .map(AnchoreViews::packageRow).toList());
                    if (findings.isPresent()) {
                        QueryIndex.writeFindings(c, a.digest(), findings.get());
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE analysis_image SET status = 'analyzed',"
                    + " image_digest = ?, error = NULL, analyzed_at = now(), last_updated = now() WHERE id = ?")) {
                s.setString(1, a.digest());
                s.setString(2, job.imageId());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE analysis_job SET state = 'done',"
                    + " completed_by = ?, lease_owner = NULL, lease_until = NULL, updated_at = now()"
                    + " WHERE id = ?")) {
                s.setString(1, owner);
                s.setLong(2, job.id());
                s.executeUpdate();
            }
        });
    }

    /**
     * Records a failed attempt (if {@code owner} still holds the job): queued again after {@code retryAfter}, or
     * failed for good, with the image marked {@code analysis_failed}, once it has had {@code maxAttempts}.
     */
    boolean fail(Job job, String owner, String error, int maxAttempts, Duration retryAfter) throws SQLException {
        return whileOwning(job, owner, c -> {
            boolean last = job.attempts() >= maxAttempts;
            try (PreparedStatement s = c.prepareStatement("UPDATE analysis_job SET state = ?, last_error = ?,"
                    + " lease_owner = NULL, lease_until = " + (last ? "NULL" : "now() + ? * interval '1 millisecond'")
                    + ", updated_at = now() WHERE id = ?")) {
                int i = 1;
                s.setString(i++, last ? "failed" : "queued");
                s.setString(i++, error);
                if (!last) {
                    s.setLong(i++, retryAfter.toMillis());
                }
                s.setLong(i, job.id());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE analysis_image SET status = ?, error = ?,"
                    + " last_updated = now() WHERE id = ?")) {
                s.setString(1, last ? ImageRecord.FAILED : ImageRecord.NOT_ANALYZED);
                s.setString(2, error);
                s.setString(3, job.imageId());
                s.executeUpdate();
            }
        });
    }

    /** Gives a job back without counting the attempt (this replica is shutting down): another takes it at once. */
    void release(Job job, String owner) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("WITH back AS (UPDATE analysis_job SET state = 'queued',"
                     + " lease_owner = NULL, lease_until = NULL, attempts = greatest(attempts - 1, 0),"
                     + " updated_at = now() WHERE id = ? AND lease_owner = ? AND state = 'running' RETURNING image_id)"
                     + " UPDATE analysis_image i SET status = 'not_analyzed', last_updated = now() FROM back"
                     + " WHERE i.id = back.image_id")) {
            s.setLong(1, job.id());
            s.setString(2, owner);
            s.executeUpdate();
        }
    }

    /** Jobs waiting or running: the queue depth gauge. */
    long depth() throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM analysis_job"
                     + " WHERE state IN ('queued', 'running')");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A database action within the transaction that holds a job's row. */
    private interface Tx {
        void run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code body} in one transaction, only while {@code owner} still holds the job (its row locked meanwhile):
     * false, and nothing done, when another replica has taken it over.
     */
    private boolean whileOwning(Job job, String owner, Tx body) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                if (!lock(c, job.id(), owner)) {
                    c.rollback();
                    return false;
                }
                body.run(c);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean lock(Connection c, long job, String owner) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM analysis_job WHERE id = ? AND lease_owner = ?"
                + " AND state = 'running' FOR UPDATE")) {
            s.setLong(1, job);
            s.setString(2, owner);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
