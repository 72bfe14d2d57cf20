package io.plimsoll.server.analysis;

import static io.plimsoll.server.analysis.AnalysisTesting.awaitFinal;
import static io.plimsoll.server.analysis.AnalysisTesting.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two server instances on one database share the analysis queue; a dead instance's job is taken over. */
class AnalysisQueueReplicasTest {

    @TempDir
    Path dir;

    @Test
    void twoInstancesShareSixJobsAndDoEachExactlyOnce() throws Exception {
        LocalRegistry.requireBinary();
        String db = TestPostgres.newDatabaseUrl();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        // each instance has 2 workers: the first 4 analyses wait for each other, so both instances must hold jobs
        CountDownLatch together = new CountDownLatch(4);
        Analyzer real = new RegistryAnalyzer(null, 2, new io.plimsoll.image.net.AddressGuard(true));
        Analyzer counting = (ref, known) -> {
            runs.computeIfAbsent(ref, k -> new AtomicInteger()).incrementAndGet();
            together.countDown();
            assertThat(together.await(60, TimeUnit.SECONDS)).as("4 jobs running at once across both instances").isTrue();
            return real.analyze(ref, known);
        };
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             PlimsollServer a = AnalysisTesting.server(db, dir.resolve("a"), null, Map.of(),
                     ctx -> List.of(new AnalysisApiModule(ctx, AnalysisTesting.feed()),
                             new AnalysisWorkerModule(ctx, counting, 3)));
             PlimsollServer b = AnalysisTesting.server(db, dir.resolve("b"), null, Map.of(),
                     ctx -> List.of(new AnalysisApiModule(ctx, AnalysisTesting.feed()),
                             new AnalysisWorkerModule(ctx, counting, 3)))) {
            List<String> records = new ArrayList<>();
            Set<String> digests = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                TestImage img = AnalysisTesting.alpine("image-" + i);
                digests.add(img.manifest().digest().toString());
                registry.push("team/app" + i, img, "1");
                // submitted through either instance: the queue is the database's
                PlimsollServer via = i % 2 == 0 ? a : b;
                records.add(post(via, "/v1/images", "{\"tag\": \"" + registry.host() + "/team/app" + i + ":1\"}", 202)
                        .get(0).path("record_id").asText());
            }
            Set<String> analysed = new HashSet<>();
            for (String r : records) {
                JsonNode done = awaitFinal(a, r);
                assertThat(done.path("analysis_status").asText()).as(done.toString()).isEqualTo("analyzed");
                analysed.add(done.path("imageDigest").asText());
            }
            assertThat(analysed).isEqualTo(digests);
            assertThat(runs).hasSize(6).allSatisfy((ref, n) -> assertThat(n.get()).as(ref).isEqualTo(1));
            List<List<String>> jobs = AnalysisTesting.jobs(a);
            assertThat(jobs).hasSize(6).allSatisfy(j -> assertThat(j.subList(0, 2)).containsExactly("done", "1"));
            Set<String> by = new HashSet<>();
            jobs.forEach(j -> by.add(j.get(2)));
            assertThat(by).containsExactlyInAnyOrder(a.context().instanceId(), b.context().instanceId());
        }
    }

    @Test
    void aJobOfAKilledInstanceIsTakenOverAfterItsLeaseAndCompletedOnce() throws Exception {
        LocalRegistry.requireBinary();
        String db = TestPostgres.newDatabaseUrl();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        Analyzer real = new RegistryAnalyzer(null, 2, new io.plimsoll.image.net.AddressGuard(true));
        Analyzer stuck = (ref, known) -> {
            entered.countDown();
            resume.await(120, TimeUnit.SECONDS);
            return real.analyze(ref, known);
        };
        AtomicReference<AnalysisWorkerModule> aWorkers = new AtomicReference<>();
        ByteArrayOutputStream aLog = new ByteArrayOutputStream();
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
             PlimsollServer a = AnalysisTesting.server(db, dir.resolve("a"), aLog, Map.of("analysis.workers", "1"),
                     ctx -> {
                         aWorkers.set(new AnalysisWorkerModule(ctx, stuck, 3));
                         return List.of(new AnalysisApiModule(ctx, AnalysisTesting.feed()), aWorkers.get());
                     })) {
            TestImage img = AnalysisTesting.alpine("killed");
            registry.push("team/app", img, "1");
            String record = post(a, "/v1/images", "{\"tag\": \"" + registry.host() + "/team/app:1\"}", 202)
                    .get(0).path("record_id").asText();
            assertThat(entered.await(60, TimeUnit.SECONDS)).as("instance A took the job").isTrue();
            try (PlimsollServer b = AnalysisTesting.server(db, dir.resolve("b"), null, Map.of(),
                    ctx -> List.of(new AnalysisApiModule(ctx, AnalysisTesting.feed()),
                            new AnalysisWorkerModule(ctx, real, 3)))) {
                // A is "killed": it stops renewing its lease and gives nothing back
                aWorkers.get().halt();
                JsonNode done = awaitFinal(b, record);
                assertThat(done.path("analysis_status").asText()).as(done.toString()).isEqualTo("analyzed");
                assertThat(done.path("imageDigest").asText()).isEqualTo(img.manifest().digest().toString());
                assertThat(AnalysisTesting.jobs(b)).singleElement().satisfies(j -> {
                    assertThat(j.subList(0, 3)).containsExactly("done", "2", b.context().instanceId());
                });

                // A's stalled analysis finishing now must not complete the job a second time
                resume.countDown();
                io.plimsoll.image.testing.Await.until("A's late completion to be refused",
                        () -> aLog.toString(StandardCharsets.UTF_8).contains("lost its lease"));
                assertThat(AnalysisTesting.jobs(b)).singleElement()
                        .satisfies(j -> assertThat(j.get(2)).isEqualTo(b.context().instanceId()));
            }
        } finally {
            resume.countDown();
        }
    }
}
