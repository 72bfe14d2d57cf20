package io.plimsoll.server.vulndb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VulnJsonTest {

    private static final Advisory FULL = new Advisory("GHSA-jfh8-c2jp-5v3q", "osv", List.of("CVE-2021-44228"),
            "Log4Shell", "JNDI lookup", Optional.of(Instant.parse("2021-12-10T00:40:56Z")),
            Optional.of(Instant.parse("2024-01-02T03:04:05.123Z")), List.of("https://logging.apache.org/"), "CRITICAL",
            Severity.CRITICAL, List.of(new Cvss("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "ghsa"),
            new Cvss("4.0", "CVSS:4.0/AV:N", Double.NaN, "")));

    @Test
    void everyRecordRoundTripsWithOptionalsPresentAndAbsent() {
        assertThat(VulnJson.advisory(VulnJson.advisory(FULL))).isEqualTo(FULL);
        Advisory minimal = Advisory.of("CVE-1", "alpine");
        assertThat(VulnJson.advisory(VulnJson.advisory(minimal))).isEqualTo(minimal);

        AffectedPackage ranged = new AffectedPackage("GHSA-x", "osv", "Maven", "org.apache.logging.log4j:log4j-core",
                "maven", AffectedStatus.FIXED, List.of(VersionRange.of("2.0-beta9", "2.15.0", null),
                VersionRange.of(null, null, "1.9")), List.of("2.14.1"), Optional.of("nodejs:18"), "high");
        assertThat(VulnJson.affected(VulnJson.affected(ranged))).isEqualTo(ranged);
        // the streaming reader of the hot path reads the same
        assertThat(VulnJson.affected(VulnJson.text(VulnJson.affected(ranged)))).isEqualTo(ranged);
        AffectedPackage unfixed = AffectedPackage.unfixed("CVE-2", "debian", "debian:12", "openssl", "deb",
                AffectedStatus.WILL_NOT_FIX);
        assertThat(VulnJson.affected(VulnJson.affected(unfixed))).isEqualTo(unfixed);
        assertThat(VulnJson.affected(VulnJson.text(VulnJson.affected(unfixed)))).isEqualTo(unfixed);
        // keys in another order (PostgreSQL's jsonb prints them sorted by length) and unknown keys
        assertThat(VulnJson.affected("{\"name\":\"openssl\",\"extra\":{\"a\":[1]},\"scheme\":\"deb\",\"source\":"
                + "\"debian\",\"status\":\"will-not-fix\",\"ranges\":[{}],\"versions\":[],\"severity\":\"\","
                + "\"namespace\":\"debian:12\",\"advisory_id\":\"CVE-2\"}")).isEqualTo(unfixed);

        KevEntry kev = new KevEntry("CVE-2021-44228", LocalDate.of(2021, 12, 10), Optional.empty(), true, "Apache",
                "Log4j", "Log4Shell", "Patch");
        assertThat(VulnJson.kev(VulnJson.kev(kev))).isEqualTo(kev);
        EpssScore epss = new EpssScore("CVE-2021-44228", 0.97, 0.9999, Optional.of(LocalDate.of(2024, 1, 1)));
        assertThat(VulnJson.epss(VulnJson.epss(epss))).isEqualTo(epss);
        EpssScore undated = new EpssScore("CVE-3", 0.1, 0.5, Optional.empty());
        assertThat(VulnJson.epss(VulnJson.epss(undated))).isEqualTo(undated);
    }

    @Test
    void theShapeIsExplicitAbsentOptionalsAreAbsentKeys() throws Exception {
        JsonNode a = VulnJson.advisory(Advisory.of("CVE-1", "alpine"));
        assertThat(a.has("published")).isFalse();
        assertThat(a.path("severity").asText()).isEqualTo("unknown");
        JsonNode cvss = VulnJson.advisory(FULL).path("cvss");
        assertThat(cvss.get(0).path("score").asDouble()).isEqualTo(10.0);
        assertThat(cvss.get(1).has("score")).as("a vector without a score has no score key").isFalse();
        JsonNode p = VulnJson.affected(AffectedPackage.fixedIn("CVE-1", "alpine", "alpine:3.19", "musl", "apk", "1.2"));
        assertThat(VulnJson.text(p)).isEqualTo("{\"advisory_id\":\"CVE-1\",\"source\":\"alpine\",\"namespace\":"
                + "\"alpine:3.19\",\"name\":\"musl\",\"scheme\":\"apk\",\"status\":\"fixed\",\"ranges\":[{\"fixed\":\"1.2\"}],"
                + "\"versions\":[],\"severity\":\"\"}");
        JsonNode row = VulnJson.diffRow(Advisory.of("CVE-1", "alpine"),
                AffectedPackage.fixedIn("CVE-1", "alpine", "alpine:3.19", "musl", "apk", "1.2"));
        assertThat(VulnJson.diffAffected(row).name()).isEqualTo("musl");
        assertThat(VulnJson.diffAdvisory(row).id()).isEqualTo("CVE-1");
        // explicit nulls read as absent
        JsonNode withNulls = VulnJson.MAPPER.readTree("{\"id\":\"CVE-9\",\"source\":\"x\",\"published\":null,"
                + "\"severity\":\"Important\"}");
        assertThat(VulnJson.advisory(withNulls).published()).isEmpty();
        assertThat(VulnJson.advisory(withNulls).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void aRowWithoutItsKeysIsAClearError() throws Exception {
        assertThatThrownBy(() -> VulnJson.affected(VulnJson.MAPPER.readTree("{\"advisory_id\":\"CVE-1\",\"status\":\"fixed\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing \"source\"");
        assertThatThrownBy(() -> VulnJson.affected(VulnJson.MAPPER.readTree("{\"advisory_id\":\"CVE-1\",\"source\":\"s\","
                + "\"namespace\":\"n\",\"name\":\"p\",\"scheme\":\"deb\",\"status\":\"sort-of\"}")))
                .hasMessageContaining("unknown status 'sort-of'");
        assertThatThrownBy(() -> VulnJson.parse("{\"id\":", "advisory")).hasMessageContaining("stored advisory");
        assertThatThrownBy(() -> VulnJson.affected("{\"advisory_id\":\"CVE-1\",\"status\":\"fixed\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing \"source\"");
        assertThatThrownBy(() -> VulnJson.affected("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> VulnJson.affected("{\"name\":")).hasMessageContaining("not valid JSON");
    }
}
