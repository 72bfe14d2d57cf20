package io.plimsoll.policy.gate.vulnerabilities;

import static io.plimsoll.policy.gate.GateFixtures.context;
import static io.plimsoll.policy.gate.GateFixtures.ids;
import static io.plimsoll.policy.gate.GateFixtures.inventory;
import static io.plimsoll.policy.gate.GateFixtures.params;
import static io.plimsoll.policy.gate.GateFixtures.pkg;
import static io.plimsoll.policy.gate.GateFixtures.run;
import static io.plimsoll.policy.gate.vulnerabilities.VulnerabilitiesGateTest.advisory;
import static io.plimsoll.policy.gate.vulnerabilities.VulnerabilitiesGateTest.finding;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.policy.content.ContentFindings;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code own_layers_only} and {@code fix_within_minor_version} on a base layer, its CMD, then the image's own layer. */
class AdviceTriggersTest {

    private static final Package ZLIB = in(pkg("deb", "zlib1g", "1:1.2.13.dfsg-1", List.of(), List.of()), 0);
    private static final Package OPENSSL = in(pkg("deb", "libssl3", "3.0.11-1~deb12u2", List.of(), List.of()), 1);
    private static final Package LOG4J = in(pkg("maven", "log4j-core", "2.14.1", List.of(), List.of()), 1);

    private static final List<Finding> FINDINGS = List.of(
            // the base's: fixed within 1.2
            finding(ZLIB, advisory("CVE-2022-37434", List.of(), null), AffectedStatus.FIXED,
                    List.of("1:1.2.13.dfsg-2"), Severity.CRITICAL, List.of(), false, null),
            // ours: fixed within 3.0
            finding(OPENSSL, advisory("CVE-2024-0727", List.of(), null), AffectedStatus.FIXED,
                    List.of("3.0.13-1~deb12u1"), Severity.MEDIUM, List.of(), false, null),
            // ours: the fix is on another minor line (2.15), so not within 2.14
            finding(LOG4J, advisory("GHSA-jfh8-c2jp-5v3q", List.of("CVE-2021-44228"), null), AffectedStatus.FIXED,
                    List.of("2.15.0"), Severity.CRITICAL, List.of(), false, null));

    @Test
    void ownLayersOnlyLeavesTheBaseImagesFindingsOut() {
        ImageContext image = image(true);
        assertThat(ids(run("vulnerabilities", "own_layers_only", image, params())))
                .containsExactly("CVE-2024-0727+libssl3", "CVE-2021-44228+log4j-core");
        assertThat(ids(run("vulnerabilities", "own_layers_only", image, params("severity", "high",
                "severity_comparison", ">=")))).containsExactly("CVE-2021-44228+log4j-core");
        assertThat(run("vulnerabilities", "own_layers_only", image, params()).get(1).message())
                .isEqualTo("CRITICAL Vulnerability in log4j-core 2.14.1, added by the image's own layer 1 (COPY app "
                        + "/app) (GHSA-jfh8-c2jp-5v3q)");
        // no boundary in the history: nothing is proved to be the base's, so every finding is the image's own
        assertThat(ids(run("vulnerabilities", "own_layers_only", image(false), params()))).hasSize(3);
    }

    @Test
    void fixWithinMinorVersionComparesTheFirstTwoNumbersAfterTheEpoch() {
        assertThat(ids(run("vulnerabilities", "fix_within_minor_version", image(true), params())))
                .containsExactly("CVE-2022-37434+zlib1g", "CVE-2024-0727+libssl3");
        assertThat(FixWithinMinorVersionTrigger.majorMinor("1:1.2.13.dfsg-1")).hasValue("1.2");
        assertThat(FixWithinMinorVersionTrigger.majorMinor("v0.10.0")).hasValue("0.10");
        assertThat(FixWithinMinorVersionTrigger.majorMinor("go1.22")).isEmpty();
        assertThat(FixWithinMinorVersionTrigger.majorMinor("20230101")).isEmpty();
    }

    private static ImageContext image(boolean baseCmd) {
        TestImage image = TestImage.create().layer(TestLayer.create().file("a", "a"), Compressor.GZIP);
        if (baseCmd) {
            image.emptyStep("/bin/sh -c #(nop)  CMD [\"bash\"]");
        }
        image.layer(TestLayer.create().file("app/b", "b"), Compressor.GZIP, "COPY app /app # buildkit");
        return context(inventory(image, Optional.empty(), List.of(ZLIB, OPENSSL, LOG4J)), FINDINGS,
                ContentFindings.NONE);
    }

    private static Package in(Package p, int layer) {
        return p.withProvenance(new Provenance(layer, Optional.empty(),
                Optional.of(layer == 0 ? "ADD file:debian in /" : "COPY app /app")));
    }
}
