package io.plimsoll.server.analysis;

import static io.plimsoll.server.analysis.AnalysisTesting.awaitFinal;
import static io.plimsoll.server.analysis.AnalysisTesting.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.testing.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM Error in one analysis is the server's fault, recorded as such, and the worker goes on to the next job. */
class AnalysisWorkerErrorTest {

    @TempDir
    Path dir;

    @Test
    void anOutOfMemoryErrorFailsItsJobAsAnInternalErrorAndTheWorkerGoesOn() throws Exception {
        Analyzer failing = (ref, known) -> {
            if (ref.contains("huge")) {
                throw new OutOfMemoryError("Java heap space");
            }
            throw new IllegalStateException("the next job ran: " + ref);
        };
        try (PlimsollServer server = AnalysisTesting.server(TestPostgres.newDatabaseUrl(), dir, null,
                Map.of("analysis.workers", "1"), ctx -> List.of(new AnalysisApiModule(ctx, AnalysisTesting.feed()),
                        new AnalysisWorkerModule(ctx, failing, 1)))) {
            JsonNode huge = awaitFinal(server, post(server, "/v1/images", "{\"tag\": \"registry.example/team/huge:1\"}",
                    202).get(0).path("record_id").asText());
            assertThat(huge.path("analysis_status").asText()).isEqualTo("analysis_failed");
            assertThat(huge.path("analysis_error").asText())
                    .isEqualTo("internal error: java.lang.OutOfMemoryError: Java heap space");
            // the one worker survived it
            JsonNode next = awaitFinal(server, post(server, "/v1/images", "{\"tag\": \"registry.example/team/next:1\"}",
                    202).get(0).path("record_id").asText());
            assertThat(next.path("analysis_error").asText()).contains("the next job ran");
        }
    }
}
