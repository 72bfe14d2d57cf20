package io.plimsoll.vuln.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreFileTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    @TempDir
    Path tmp;

    private static Finding finding(String id, List<String> aliases, String name, String source, String purl,
                                   String location) {
        Package p = new Package("deb", name, "1.0", "", source, "1.0", List.of(), purl, List.of(), "dpkg", location,
                new Provenance(1, Optional.empty(), Optional.empty()), Map.of());
        Advisory a = new Advisory(id, "osv", aliases, "", "", Optional.empty(), Optional.empty(), List.of(), "",
                Severity.HIGH, List.of());
        return new Finding(p, "ns", source.isEmpty() ? name : source, "1.0", a, AffectedStatus.FIXED, List.of("2.0"),
                Severity.HIGH, "osv", List.of(), Optional.empty(), Optional.empty(), "test");
    }

    private static final Finding LOG4J = finding("GHSA-jfh8-c2jp-5v3q", List.of("CVE-2021-44228"), "log4j-core", "",
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "/app/lib/log4j-core-2.14.1.jar");
    private static final Finding LOG4J_TOOLS = finding("GHSA-jfh8-c2jp-5v3q", List.of("CVE-2021-44228"),
            "log4j-core", "", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "/opt/tools/log4j-core.jar");
    private static final Finding LIBSSL = finding("CVE-2024-0727", List.of(), "libssl3", "openssl",
            "pkg:deb/debian/libssl3@3.0.11?arch=amd64", "/var/lib/dpkg/status");

    @Test
    void trivyShapedLinesWithCommentsAndFields() throws Exception {
        IgnoreFile f = IgnoreFile.parse(".plimsollignore", """
                # header

                # JndiLookup is removed at build time
                CVE-2021-44228
                CVE-2024-0727 exp:2026-03-01   # accepted until the base image moves
                \tCVE-2023-45853   pkg:zlib1g pkg:deb/debian/zlib1g   path:/var/lib/** # two packages
                GHSA-aaaa-bbbb-cccc exp:2099-01-01
                """);
        assertThat(f.entries()).extracting(IgnoreEntry::line).containsExactly(4, 5, 6, 7);
        IgnoreEntry first = f.entries().get(0);
        assertThat(first.id()).isEqualTo("CVE-2021-44228");
        assertThat(first.comment()).isEqualTo("JndiLookup is removed at build time");
        assertThat(f.entries().get(1).expires()).contains(LocalDate.of(2026, 3, 1));
        assertThat(f.entries().get(1).comment()).isEqualTo("accepted until the base image moves");
        assertThat(f.entries().get(2).packages()).containsExactly("zlib1g", "deb/debian/zlib1g");
        assertThat(f.entries().get(2).paths()).containsExactly("/var/lib/**");
        // the expiry day is the first day it no longer applies, as Trivy's "until"
        assertThat(f.expired(TODAY)).extracting(IgnoreEntry::line).containsExactly(5);
        assertThat(f.expired(TODAY.minusDays(1))).isEmpty();
        assertThat(f.where(f.entries().get(1))).isEqualTo(".plimsollignore:5");
    }

    @Test
    void anEntryMatchesAnyIdOfTheFindingAndOnlyWhileActive() throws Exception {
        IgnoreFile byCve = IgnoreFile.parse("i", "cve-2021-44228\nCVE-2024-0727 exp:2026-03-01\n");
        Filtered r = byCve.apply(List.of(LOG4J, LIBSSL), TODAY);
        assertThat(r.kept()).containsExactly(LIBSSL);
        assertThat(r.suppressed()).singleElement().satisfies(s -> {
            assertThat(s.finding()).isSameAs(LOG4J);
            assertThat(s.why().kind()).isEqualTo(Suppression.Kind.IGNORE_FILE);
            assertThat(s.why().status()).isEqualTo("ignored");
            assertThat(s.why().source()).isEqualTo("i:1");
        });
        assertThat(byCve.apply(List.of(LIBSSL), TODAY.minusDays(1)).kept()).isEmpty();
        IgnoreFile byGhsa = IgnoreFile.parse("i", "GHSA-jfh8-c2jp-5v3q\n");
        assertThat(byGhsa.apply(List.of(LOG4J, LIBSSL), TODAY).kept()).containsExactly(LIBSSL);
    }

    @Test
    void packageAndPathScopes() throws Exception {
        List<Finding> all = List.of(LOG4J, LOG4J_TOOLS, LIBSSL);
        assertThat(kept("CVE-2021-44228 path:/opt/tools/**", all)).containsExactly(LOG4J, LIBSSL);
        // Trivy writes paths without the leading slash
        assertThat(kept("CVE-2021-44228 path:app/lib/*.jar", all)).containsExactly(LOG4J_TOOLS, LIBSSL);
        assertThat(kept("CVE-2021-44228 pkg:log4j-core", all)).containsExactly(LIBSSL);
        assertThat(kept("CVE-2021-44228 pkg:other", all)).containsExactly(LOG4J, LOG4J_TOOLS, LIBSSL);
        assertThat(kept("CVE-2021-44228 pkg:maven/org.apache.logging.log4j/log4j-core", all))
                .containsExactly(LIBSSL);
        assertThat(kept("CVE-2021-44228 pkg:maven/org.apache.logging.log4j/log4j-core@2.15.0", all))
                .containsExactly(LOG4J, LOG4J_TOOLS, LIBSSL);
        // the source package, as the advisory files it, or the binary package; a PURL without qualifiers
        assertThat(kept("CVE-2024-0727 pkg:openssl", all)).containsExactly(LOG4J, LOG4J_TOOLS);
        assertThat(kept("CVE-2024-0727 pkg:libssl3", all)).containsExactly(LOG4J, LOG4J_TOOLS);
        assertThat(kept("CVE-2024-0727 pkg:deb/debian/libssl3@3.0.11", all)).containsExactly(LOG4J, LOG4J_TOOLS);
        // package and path together must both hold
        assertThat(kept("CVE-2021-44228 pkg:log4j-core path:/opt/**", all)).containsExactly(LOG4J, LIBSSL);
    }

    private static List<Finding> kept(String text, List<Finding> findings) throws IgnoreFileException {
        return IgnoreFile.parse("i", text).apply(findings, TODAY).kept();
    }

    @Test
    void malformedLinesNameTheFileAndLine() {
        assertError("CVE-1\nCVE-2 expires:2026-01-01\n", "f:2: unknown field 'expires:'");
        assertError("CVE-1 exp:2026-02-30", "f:1: 'exp:2026-02-30' is not a date (exp:YYYY-MM-DD)");
        assertError("\n\nCVE-1 CVE-2", "f:3: 'CVE-2' after the id: one id per line");
        assertError("exp:2026-01-01 CVE-1", "f:1: the line starts with 'exp:2026-01-01'");
        assertError("CVE-2021-44228+log4j-core", "f:1: 'CVE-2021-44228+log4j-core' is not a vulnerability id "
                + "(to ignore it in one package, write ID pkg:NAME)");
        assertError("CVE-1,CVE-2", "f:1: 'CVE-1,CVE-2' is not a vulnerability id");
        assertError("CVE-1 pkg:", "f:1: 'pkg:' has no value");
        assertError("CVE-1 exp:2026-01-01 exp:2027-01-01", "f:1: two expiry dates");
        assertError("CVE-1 path:/a/{b", "f:1: 'path:/a/{b' is not a valid glob");
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> IgnoreFile.parse("f", text)).isInstanceOf(IgnoreFileException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void readNamesAMissingOrBinaryFile() throws Exception {
        assertThatThrownBy(() -> IgnoreFile.read(tmp.resolve("nope"))).hasMessage(tmp.resolve("nope")
                + ": no such ignore file");
        Path binary = Files.write(tmp.resolve("bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> IgnoreFile.read(binary)).hasMessageContaining("bin: not a text ignore file");
        Path crlf = Files.writeString(tmp.resolve(".plimsollignore"), "\uFEFFCVE-1\r\n# c\r\nCVE-2 exp:2030-01-01\r\n");
        assertThat(IgnoreFile.read(crlf).entries()).extracting(IgnoreEntry::id).containsExactly("CVE-1", "CVE-2");
    }
}
