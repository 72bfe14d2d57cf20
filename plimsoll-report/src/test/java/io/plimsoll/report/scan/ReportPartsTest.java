package io.plimsoll.report.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.vuln.Severity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportPartsTest {

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
}
