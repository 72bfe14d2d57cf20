package io.plimsoll.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.vuln.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPartsTest {

    @TempDir
    Path tmp;

    @Test
    void sarifUrisAreRelativeAndEncodeWhatAUriCannotHold() {
        assertThat(SarifReport.uri("/var/lib/dpkg/status")).isEqualTo("var/lib/dpkg/status");
        assertThat(SarifReport.uri("/opt/my app/lib#1/x%y.jar")).isEqualTo("opt/my%20app/lib%231/x%25y.jar");
        assertThat(SarifReport.uri("/srv/é.jar")).isEqualTo("srv/%C3%A9.jar");
    }

    @Test
    void securitySeverityIsTheCvssScoreElseInsideTheSeveritysBand() {
        assertThat(Severities.securitySeverity(Severity.LOW, Optional.of(7.1))).contains(7.1);
        assertThat(Severities.securitySeverity(Severity.CRITICAL, Optional.empty()).get()).isGreaterThanOrEqualTo(9.0);
        assertThat(Severities.securitySeverity(Severity.HIGH, Optional.empty()).get()).isBetween(7.0, 8.9);
        assertThat(Severities.securitySeverity(Severity.MEDIUM, Optional.empty()).get()).isBetween(4.0, 6.9);
        assertThat(Severities.securitySeverity(Severity.UNKNOWN, Optional.empty())).isEmpty();
    }

    @Test
    void htmlAndXmlEscapingCoverMarkupAndControlCharacters() {
        assertThat(HtmlReport.esc("<a href=\"x\">'&'</a>\u0001"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\uFFFD");
        assertThat(JunitReport.clean("ok\u0000\u001b[31m")).isEqualTo("ok\uFFFD\uFFFD[31m");
    }

    @Test
    void outputSpecsAreParsedAndWrittenWholeOverTheOldFile() throws Exception {
        List<String> formats = List.of("table", "json", "sarif");
        ReportOutput o = ReportOutput.parse("SARIF=" + tmp.resolve("a=b.sarif"), formats);
        assertThat(o.format()).isEqualTo("sarif");
        assertThat(o.file()).isEqualTo(tmp.resolve("a=b.sarif"));
        Files.writeString(o.file(), "old");
        o.write("new report");
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(o.file())))
                    .isEqualTo("rw-r--r--");
        }
        assertThat(Files.readString(o.file())).isEqualTo("new report");
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(o.file());
        }
        assertThatThrownBy(() -> ReportOutput.parse("=x", formats)).hasMessageContaining("FORMAT=FILE");
        assertThatThrownBy(() -> ReportOutput.parse("junit=x", formats)).hasMessageContaining("unknown format 'junit'");
    }
}
