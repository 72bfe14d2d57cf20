package io.plimsoll.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.report.sbom.CycloneDxWriter;
import io.plimsoll.report.sbom.SbomView;
import io.plimsoll.report.sbom.SpdxWriter;
import io.plimsoll.report.scan.CycloneDxScanReport;
import io.plimsoll.report.scan.HtmlReport;
import io.plimsoll.report.scan.JunitReport;
import io.plimsoll.report.scan.PolicyResult;
import io.plimsoll.report.scan.PolicyView;
import io.plimsoll.report.scan.SarifReport;
import io.plimsoll.report.scan.ScanReport;
import io.plimsoll.report.scan.ScanView;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every report format, byte for byte, on {@link ReportFixture}'s fixed scan: moving or reshaping the report code must
 * not change a single byte users or their tools read. Only what differs on every run by design is normalised: the
 * CycloneDX serial number and timestamp, the SPDX document namespace's UUID and its creation and annotation dates.
 * {@code -Dplimsoll.golden.update=true} rewrites the expected files (then read the diff before committing it).
 */
class ReportGoldenTest {

    private static final String DIR = "golden/";

    static Stream<Arguments> reports() throws Exception {
        Inventory inv = ReportFixture.inventory();
        List<Finding> all = ReportFixture.findings(inv);
        List<Finding> kept = ReportFixture.kept(all);
        DataFreshness data = ReportFixture.data();
        PolicyResult policy = ReportFixture.policy(inv, kept, data);
        List<String> notes = List.of("accepted missing data (--allow-missing-data): kev");
        ScanReport report = new ScanReport(inv, kept, data, Optional.empty(), notes, Optional.of(policy),
                ReportFixture.TOOL_VERSION, ReportFixture.suppressed(all));
        String v = ReportFixture.TOOL_VERSION;
        return Stream.of(
                Arguments.of("scan.json", ScanView.json(report)),
                Arguments.of("scan.txt", text(w -> {
                    ScanView.table(report, w, false);
                    PolicyView.table(policy, w);
                })),
                Arguments.of("scan.sarif", SarifReport.render(report)),
                Arguments.of("scan.junit.xml", JunitReport.render(report)),
                Arguments.of("scan.html", HtmlReport.render(report)),
                Arguments.of("scan.cdx.json", CycloneDxScanReport.render(report)),
                Arguments.of("sbom.json", SbomView.json(inv, true)),
                Arguments.of("sbom.txt", text(w -> SbomView.table(inv, w))),
                Arguments.of("sbom.cdx.json", CycloneDxWriter.json(inv, v)),
                Arguments.of("sbom.cdx.xml", CycloneDxWriter.xml(inv, v)),
                Arguments.of("sbom.spdx.json", SpdxWriter.json(inv, v)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void reportIsByteIdenticalToTheGoldenFile(String name, String rendered) throws IOException {
        String actual = normalise(rendered);
        if (Boolean.getBoolean("plimsoll.golden.update")) {
            Path file = Path.of("src/test/resources", DIR, name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        try (InputStream in = ReportGoldenTest.class.getResourceAsStream("/" + DIR + name)) {
            assertThat(in).as("golden file %s (write it with -Dplimsoll.golden.update=true)", name).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Replaces the values that are new on every run, and only those. */
    static String normalise(String s) {
        return s.replaceAll("urn:uuid:[0-9a-f-]{36}", "urn:uuid:SERIAL")
                .replaceAll("(\"timestamp\" : \")[^\"]+\"", "$1TIMESTAMP\"")
                .replaceAll("<timestamp>[^<]+</timestamp>", "<timestamp>TIMESTAMP</timestamp>")
                .replaceAll("(\"documentNamespace\" : \"[^\"]*-)[0-9a-f-]{36}\"", "$1UUID\"")
                .replaceAll("(\"(?:created|annotationDate)\" : \")[^\"]+\"", "$1CREATED\"");
    }

    private static String text(Consumer<PrintWriter> render) {
        StringWriter buffer = new StringWriter();
        PrintWriter w = new PrintWriter(buffer);
        render.accept(w);
        w.flush();
        return buffer.toString();
    }
}
