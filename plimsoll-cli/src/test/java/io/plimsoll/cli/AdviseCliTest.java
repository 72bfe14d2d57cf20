package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plimsoll advise} over the Log4Shell image: Debian packages in the first layer, log4j-core in the second. */
class AdviseCliTest {

    @TempDir
    static Path tmp;

    private static Path db;
    private static Path image;

    @BeforeAll
    static void build() throws Exception {
        db = Log4ShellFixture.database(tmp);
        image = Log4ShellFixture.image(tmp);
    }

    @Test
    void jsonNamesTheTargetTheLayerAndTheCommand() throws Exception {
        CliTest.Run run = CliTest.run("advise", "docker-archive:" + image, "--db", db.toString(), "--offline",
                "--format", "json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.path("schema").asText()).isEqualTo("plimsoll-advice/1");
        // the image has no base annotation and its history no CMD to end a base on
        assertThat(doc.path("base").path("from").asText()).isEqualTo("unknown");
        JsonNode log4j = null;
        for (JsonNode p : doc.path("packages")) {
            if (p.path("name").asText().equals("log4j-core")) {
                log4j = p;
            }
        }
        assertThat(log4j).isNotNull();
        assertThat(log4j.path("match").path("name").asText()).isEqualTo("org.apache.logging.log4j:log4j-core");
        assertThat(log4j.path("target").path("version").asText()).isEqualTo("2.15.0");
        assertThat(log4j.path("target").path("clears").toString()).isEqualTo("[\"" + Log4ShellFixture.GHSA + "\"]");
        assertThat(log4j.path("origin").path("layer").asInt()).isEqualTo(1);
        assertThat(log4j.path("origin").path("step").asText()).isEqualTo("COPY lib/ /app/lib/");
        assertThat(log4j.path("origin").path("action").asText()).isEqualTo("upgrade in layer 1 (COPY lib/ /app/lib/)");
        assertThat(log4j.path("command").asText())
                .isEqualTo("bump org.apache.logging.log4j:log4j-core to 2.15.0 in pom.xml or build.gradle");
        assertThat(doc.path("summary").path("text").asText()).isEqualTo(summary(doc));
    }

    @Test
    void theTableEndsWithTheSummaryAndScanJsonAndHtmlCarryTheSameAdvice() throws Exception {
        CliTest.Run table = CliTest.run("advise", "docker-archive:" + image, "--db", db.toString(), "--offline");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("log4j-core 2.14.1 → 2.15.0", "  run:    bump org.apache.logging.log4j:");
        CliTest.Run scan = CliTest.run("scan", "docker-archive:" + image, "--db", db.toString(), "--offline",
                "--format", "json");
        assertThat(scan.code()).as(scan.err()).isZero();
        JsonNode advice = new ObjectMapper().readTree(scan.out()).path("advice");
        String summary = advice.path("summary").path("text").asText();
        assertThat(summary).matches("\\d+ upgrades? clears? \\d+ of \\d+ fixable findings.*");
        assertThat(table.out().strip()).endsWith(summary);
        CliTest.Run html = CliTest.run("scan", "docker-archive:" + image, "--db", db.toString(), "--offline",
                "--format", "html");
        assertThat(html.out()).contains("<section id=\"advice\">\n<h2>Fix advice</h2>\n<p>" + summary + "</p>",
                "<td>log4j-core</td><td>2.14.1</td><td>2.15.0</td><td data-sort=\"1\">1</td>");
    }

    @Test
    void aMissingDatabaseIsAnInputError() {
        CliTest.Run run = CliTest.run("advise", "docker-archive:" + image, "--db", tmp.resolve("no.db").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no.db: no such vulnerability database");
    }

    private static String summary(JsonNode doc) {
        JsonNode s = doc.path("summary");
        return s.path("text").asText().startsWith(s.path("upgrades").asInt() + " upgrade") ? s.path("text").asText()
                : "upgrades in the summary do not match";
    }
}
