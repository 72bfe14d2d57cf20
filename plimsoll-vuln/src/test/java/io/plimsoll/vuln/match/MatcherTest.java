package io.plimsoll.vuln.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.model.Distro;
import io.plimsoll.model.version.VersionScheme;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MatcherTest {

    /** Dotted numeric versions, enough to test the engine without an ecosystem's scheme. */
    static final VersionScheme DOTTED = new VersionScheme() {
        public String name() {
            return "dotted";
        }

        public int compare(String a, String b) {
            int[] x = Arrays.stream(a.split("\\.")).mapToInt(Integer::parseInt).toArray();
            int[] y = Arrays.stream(b.split("\\.")).mapToInt(Integer::parseInt).toArray();
            return Arrays.compare(x, y);
        }

        public boolean isValid(String v) {
            return v.matches("[0-9]+(\\.[0-9]+)*");
        }
    };

    static final MatchRule BY_NAME = new MatchRule() {
        public String name() {
            return "test";
        }

        public List<MatchQuery> queries(Package p, Optional<Distro> d) {
            return List.of(new MatchQuery("ns", p.name(), p.version()));
        }
    };

    static Package pkg(String name, String version) {
        return new Package("generic", name, version, "", name, version, List.of(), "pkg:generic/" + name, List.of(),
                "test", "/x", new Provenance(1, Optional.empty(), Optional.of("RUN install")), Map.of());
    }

    private List<Finding> match(RecordingSink sink, Package... packages) {
        return new Matcher(new MemoryVulnStore(sink), List.of(BY_NAME),
                s -> s.equals("dotted") ? Optional.of(DOTTED) : Optional.empty())
                .match(List.of(packages), Optional.empty());
    }

    private static AffectedPackage row(String id, String name, AffectedStatus status, List<VersionRange> ranges,
                                       List<String> versions) {
        return new AffectedPackage(id, "src", "ns", name, "dotted", status, ranges, versions, Optional.empty(), "");
    }

    @Test
    void nearestFixAboveTheInstalledVersionFromTheRangesThatContainIt() {
        RecordingSink sink = new RecordingSink();
        sink.affected(row("A-1", "lib", AffectedStatus.FIXED, List.of(
                VersionRange.of("2.0", "2.3", null), VersionRange.of("2.4", "2.6", null), VersionRange.of("1.0", "1.5", null)),
                List.of()));
        assertThat(match(sink, pkg("lib", "2.5"))).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(AffectedStatus.FIXED);
            assertThat(f.fixedVersions()).containsExactly("2.6");
            assertThat(f.pkg().provenance().createdBy()).contains("RUN install");
        });
        assertThat(match(sink, pkg("lib", "2.3"))).isEmpty();
        assertThat(match(sink, pkg("lib", "2.6"))).isEmpty();
        assertThat(match(sink, pkg("lib", "0.9"))).isEmpty();
    }

    @Test
    void statusesWithoutFixAndExplicitVersionsAndLastAffected() {
        RecordingSink sink = new RecordingSink();
        sink.affected(row("OPEN", "a", AffectedStatus.AFFECTED, List.of(VersionRange.all()), List.of()));
        sink.affected(row("WONT", "a", AffectedStatus.WILL_NOT_FIX, List.of(), List.of()));
        sink.affected(row("NA", "a", AffectedStatus.NOT_AFFECTED, List.of(VersionRange.all()), List.of()));
        sink.affected(row("LIST", "a", AffectedStatus.FIXED, List.of(), List.of("1.0", "1.1")));
        sink.affected(row("LAST", "a", AffectedStatus.FIXED, List.of(VersionRange.of("1.0", null, "1.1")), List.of()));
        assertThat(match(sink, pkg("a", "1.1"))).extracting(f -> f.advisory().id() + ":" + f.status())
                .containsExactly("LAST:AFFECTED", "LIST:AFFECTED", "OPEN:AFFECTED", "WONT:WILL_NOT_FIX");
        assertThat(match(sink, pkg("a", "1.2"))).extracting(f -> f.advisory().id())
                .containsExactly("OPEN", "WONT");
    }

    @Test
    void severityFallsBackFromThePackageToTheAdvisoryToNvdAndEnrichmentIsAttached() {
        RecordingSink sink = new RecordingSink();
        sink.advisory(new Advisory("CVE-2021-44228", "src", List.of(), "", "", Optional.empty(), Optional.empty(),
                List.of(), "", Severity.UNKNOWN, List.of()));
        sink.affected(row("CVE-2021-44228", "log", AffectedStatus.FIXED, List.of(VersionRange.fixedIn("2.15")), List.of()));
        sink.affected(new AffectedPackage("CVE-1", "src", "ns", "log", "dotted", AffectedStatus.AFFECTED,
                List.of(), List.of(), Optional.empty(), "low"));
        sink.cvss("CVE-2021-44228", new Cvss("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "nvd@nist.gov"));
        sink.kev(new KevEntry("CVE-2021-44228", LocalDate.of(2021, 12, 10), Optional.empty(), true, "Apache", "Log4j2",
                "Log4Shell", "patch"));
        sink.epss(new EpssScore("CVE-2021-44228", 0.944, 0.99, Optional.empty()));
        List<Finding> f = match(sink, pkg("log", "2.14.1"));
        assertThat(f).extracting(x -> x.advisory().id()).containsExactly("CVE-1", "CVE-2021-44228");
        assertThat(f.get(0).severity()).isEqualTo(Severity.LOW);
        assertThat(f.get(0).severitySource()).isEqualTo("src");
        assertThat(f.get(1).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.get(1).severitySource()).isEqualTo("nvd@nist.gov");
        assertThat(f.get(1).kev()).isPresent();
        assertThat(f.get(1).epss().orElseThrow().score()).isEqualTo(0.944);
        assertThat(f.get(1).nearestFix()).contains("2.15");
    }

    @Test
    void rowsWithAnUnknownSchemeAreNotGuessed() {
        RecordingSink sink = new RecordingSink();
        sink.affected(new AffectedPackage("X", "src", "ns", "a", "nosuch", AffectedStatus.AFFECTED,
                List.of(VersionRange.all()), List.of(), Optional.empty(), ""));
        assertThat(match(sink, pkg("a", "1.0"))).isEmpty();
    }
}
