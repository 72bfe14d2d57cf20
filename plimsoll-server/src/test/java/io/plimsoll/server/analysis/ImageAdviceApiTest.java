package io.plimsoll.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.account.AccountApiModule;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/images/{digest}/advice} is scoped to the caller's account as the vulnerability route is: an image
 * imported by one account is "no image" to another, which gets its own advice for its own import of it. (That the
 * document equals what {@code plimsoll advise} prints for the same image and data is the CLI's
 * {@code AdviseServerCliTest}.)
 */
class ImageAdviceApiTest {

    private static final String PW = "advice-admin-pw";

    @TempDir
    Path dir;

    @Test
    void anAccountGetsAdviceForItsOwnImagesOnly() throws Exception {
        try (PlimsollServer s = AnalysisTesting.server(TestPostgres.newDatabaseUrl(), dir, null,
                Map.of("roles", "api", "auth.admin_password", PW),
                ctx -> List.of(new AnalysisApiModule(ctx, AnalysisTesting.feed()), new AccountApiModule(ctx)))) {
            for (String a : List.of("team-a", "team-b")) {
                assertThat(send(s, "admin", PW, "POST", "/v1/accounts", "{\"name\": \"" + a + "\"}").statusCode())
                        .isEqualTo(200);
                assertThat(send(s, "admin", PW, "POST", "/v1/accounts/" + a + "/users", "{\"username\": \"" + a
                        + "-user\", \"password\": \"pw-" + a + "\"}").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> imported = send(s, "team-a-user", "pw-team-a", "POST",
                    "/v1/import/images?tag=registry.example/team-a/app:1", cyclonedx());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            String digest = Exchange.JSON.readTree(imported.body()).get(0).path("imageDigest").asText();

            HttpResponse<String> mine = send(s, "team-a-user", "pw-team-a", "GET", "/v1/images/" + digest
                    + "/advice", null);
            assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
            JsonNode doc = Exchange.JSON.readTree(mine.body());
            assertThat(doc.path("schema").asText()).isEqualTo("plimsoll-advice/1");
            assertThat(doc.path("image").path("manifestDigest").asText()).isEqualTo(digest);
            JsonNode musl = doc.path("packages").get(0);
            assertThat(musl.path("name").asText()).isEqualTo("musl");
            assertThat(musl.path("findings").get(0).asText()).isEqualTo(AnalysisTesting.CVE);
            assertThat(musl.path("target").path("version").asText()).isEqualTo("1.2.4_git20230717-r5");
            assertThat(musl.path("command").asText()).isEqualTo("apk add musl=1.2.4_git20230717-r5");
            assertThat(doc.path("summary").path("text").asText())
                    .isEqualTo("1 upgrade clears 1 of 1 fixable findings; every finding has a fix");

            HttpResponse<String> theirs = send(s, "team-b-user", "pw-team-b", "GET", "/v1/images/" + digest
                    + "/advice", null);
            assertThat(theirs.statusCode()).isEqualTo(404);
            assertThat(theirs.body()).doesNotContain("musl");
            // the admin sees it only when acting as team-a
            assertThat(send(s, "admin", PW, "GET", "/v1/images/" + digest + "/advice", null).statusCode())
                    .isEqualTo(404);
            assertThat(send(s, "admin", PW, "GET", "/v1/images/" + digest + "/advice", null, "x-anchore-account",
                    "team-a").body()).isEqualTo(mine.body());
        }
    }

    /** A CycloneDX 1.5 SBOM of Alpine 3.19 with the vulnerable musl. */
    private static String cyclonedx() {
        return """
                {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
                 "metadata": {"component": {"type": "container", "name": "registry.example/team/app"}},
                 "components": [
                   {"type": "operating-system", "name": "alpine", "version": "3.19.1"},
                   {"type": "library", "name": "musl", "version": "%s",
                    "purl": "pkg:apk/alpine/musl@%s?arch=x86_64&distro=alpine-3.19.1"}]}
                """.formatted(AnalysisTesting.MUSL_VERSION, AnalysisTesting.MUSL_VERSION);
    }

    private static HttpResponse<String> send(PlimsollServer s, String user, String password, String method,
                                             String path, String body, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        System.arraycopy(headers, 0, all, 2, headers.length);
        return TestServers.send(method, s.baseUrl() + path, body, all);
    }
}
