package io.plimsoll.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.server.analysis.AnalysisRepository.Job;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue's rules on a real PostgreSQL: leases, renewal by the owner only, attempts, giving back. */
class AnalysisRepositoryTest {

    static final Duration LONG = Duration.ofMinutes(5);

    Database db;
    AnalysisRepository repo;

    @BeforeEach
    void open() {
        db = TestPostgres.newDatabase();
        repo = new AnalysisRepository(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aLeasedJobIsNotTakenTwiceAndOnlyItsOwnerRenewsOrCompletesIt() throws Exception {
        ImageRecord r = repo.submit(Optional.of("h/r:1"), "h/r:1");
        assertThat(r.status()).isEqualTo(ImageRecord.NOT_ANALYZED);
        Job job = repo.take("a", LONG, 3).orElseThrow();
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.pullReference()).isEqualTo("h/r:1");
        assertThat(repo.image(r.id()).orElseThrow().status()).isEqualTo(ImageRecord.ANALYZING);
        assertThat(repo.take("b", LONG, 3)).isEmpty();
        assertThat(repo.depth()).isEqualTo(1);

        String before = leaseUntil(job.id());
        assertThat(repo.renew(job.id(), "a", LONG.plusMinutes(5))).isTrue();
        assertThat(leaseUntil(job.id())).isGreaterThan(before);
        assertThat(repo.renew(job.id(), "b", LONG)).isFalse();

        Analysis a = new Analysis("sha256:" + "c".repeat(64), Optional.empty(), Optional.empty(), 0, Optional.empty());
        assertThat(repo.complete(job, "b", a)).isFalse();
        assertThat(repo.fail(job, "b", "nope", 3, Duration.ZERO)).isFalse();
        assertThat(repo.complete(job, "a", a)).isTrue();
        assertThat(repo.complete(job, "a", a)).as("a done job is not completed again").isFalse();
        ImageRecord done = repo.image(r.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(ImageRecord.ANALYZED);
        assertThat(done.digest()).contains(a.digest());
        assertThat(repo.depth()).isZero();
    }

    @Test
    void failuresAreRetriedUntilTheLastAttemptThenTheImageFailsWithTheError() throws Exception {
        ImageRecord r = repo.submit(Optional.empty(), "h/r@sha256:" + "d".repeat(64));
        for (int attempt = 1; attempt <= 2; attempt++) {
            Job job = repo.take("a", LONG, 2).orElseThrow();
            assertThat(job.attempts()).isEqualTo(attempt);
            assertThat(repo.fail(job, "a", "manifest unknown (attempt " + attempt + ")", 2, Duration.ZERO)).isTrue();
        }
        assertThat(repo.take("a", LONG, 2)).isEmpty();
        ImageRecord failed = repo.image(r.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(ImageRecord.FAILED);
        assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("manifest unknown (attempt 2)"));
    }

    @Test
    void anExpiredLeaseIsTakenOverAndAJobAbandonedOnItsLastAttemptFails() throws Exception {
        ImageRecord r = repo.submit(Optional.of("h/r:1"), "h/r:1");
        Job first = repo.take("dead", Duration.ofMillis(1), 2).orElseThrow();
        awaitExpired(first.id());
        Job second = repo.take("alive", Duration.ofMillis(1), 2).orElseThrow();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(repo.renew(first.id(), "dead", LONG)).isFalse();
        awaitExpired(second.id());
        assertThat(repo.take("third", LONG, 2)).isEmpty();
        ImageRecord failed = repo.image(r.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(ImageRecord.FAILED);
        assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("stopped renewing the lease 2 times"));
    }

    @Test
    void aJobGivenBackOnShutdownIsTakenAtOnceWithoutCountingTheAttempt() throws Exception {
        ImageRecord r = repo.submit(Optional.of("h/r:1"), "h/r:1");
        Job job = repo.take("a", LONG, 3).orElseThrow();
        repo.release(job, "a");
        assertThat(repo.image(r.id()).orElseThrow().status()).isEqualTo(ImageRecord.NOT_ANALYZED);
        assertThat(repo.take("b", LONG, 3).orElseThrow().attempts()).isEqualTo(1);
    }

    private String leaseUntil(long job) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_char(lease_until, 'YYYY-MM-DD HH24:MI:SS.US')"
                     + " FROM analysis_job WHERE id = " + job)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Waits (on the database's clock, which leases use) until the job's lease has passed. */
    private void awaitExpired(long job) throws Exception {
        for (int i = 0; i < 1000; i++) {
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT lease_until < now() FROM analysis_job WHERE id = " + job)) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("lease of job " + job + " never expired");
    }
}
