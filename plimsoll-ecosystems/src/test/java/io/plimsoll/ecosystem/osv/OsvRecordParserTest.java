package io.plimsoll.ecosystem.osv;

import static io.plimsoll.ecosystem.osv.OsvTesting.jar;
import static io.plimsoll.ecosystem.osv.OsvTesting.json;
import static io.plimsoll.ecosystem.osv.OsvTesting.load;
import static io.plimsoll.ecosystem.osv.OsvTesting.match;
import static io.plimsoll.ecosystem.osv.OsvTesting.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.testing.RecordingSink;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OsvRecordParserTest {

    private static final String GHSA = "feeds/ghsa/advisories/github-reviewed/";

    private final RecordingSink sink = new RecordingSink();

    @Test
    void log4shellFromTheRealGhsaRecord() throws Exception {
        load(sink, OsvEcosystem.MAVEN, FeedFiles.readJson("osv",
                SharedCorpus.require(GHSA + "2021/12/GHSA-jfh8-c2jp-5v3q/GHSA-jfh8-c2jp-5v3q.json")));
        Advisory a = sink.advisory("GHSA-jfh8-c2jp-5v3q").orElseThrow();
        assertThat(a.aliases()).containsExactly("CVE-2021-44228");
        assertThat(a.cveIds()).containsExactly("CVE-2021-44228");
        assertThat(a.title()).isEqualTo("Remote code injection in Log4j");
        assertThat(a.sourceSeverity()).isEqualTo("CRITICAL");
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.published()).contains(Instant.parse("2021-12-10T00:40:56Z"));
        assertThat(a.cvss()).singleElement().satisfies(c -> {
            assertThat(c.version()).isEqualTo("3.1");
            assertThat(c.score()).isEqualTo(10.0);
        });
        // the record lists log4j-core three times, one range each: [2.13.0, 2.15.0), [0, 2.3.1), [2.4, 2.12.2)
        assertThat(sink.affected("Maven", "org.apache.logging.log4j:log4j-core"))
                .extracting(AffectedPackage::ranges, AffectedPackage::scheme, AffectedPackage::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(List.of(VersionRange.of("2.13.0", "2.15.0", null)), "maven", AffectedStatus.FIXED),
                        org.assertj.core.groups.Tuple.tuple(List.of(VersionRange.fixedIn("2.3.1")), "maven", AffectedStatus.FIXED),
                        org.assertj.core.groups.Tuple.tuple(List.of(VersionRange.of("2.4", "2.12.2", null)), "maven", AffectedStatus.FIXED));

        Finding f = match(sink, jar("org.apache.logging.log4j", "log4j-core", "2.14.1")).get(0);
        assertThat(f.advisory().id()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
        assertThat(f.status()).isEqualTo(AffectedStatus.FIXED);
        assertThat(f.fixedVersions()).containsExactly("2.15.0");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.matchedName()).isEqualTo("org.apache.logging.log4j:log4j-core");
        assertThat(f.matchedBy()).isEqualTo("osv-maven");
        assertThat(match(sink, jar("org.apache.logging.log4j", "log4j-core", "2.12.1")).get(0).fixedVersions())
                .containsExactly("2.12.2");
        assertThat(match(sink, jar("org.apache.logging.log4j", "log4j-core", "2.17.1"))).isEmpty();
        assertThat(match(sink, jar("org.apache.logging.log4j", "log4j-core", "2.12.2"))).isEmpty();
        // another artifact of the same group is not log4j-core
        assertThat(match(sink, jar("org.apache.logging.log4j", "log4j-api", "2.14.1"))).isEmpty();
        // an archive whose group id is unknown is not looked up by its artifact id alone
        assertThat(match(sink, pkg("maven", "log4j-core", "2.14.1", Map.of()))).isEmpty();
    }

    @Test
    void lodashFromTheRealGhsaRecord() throws Exception {
        load(sink, OsvEcosystem.NPM, FeedFiles.readJson("osv",
                SharedCorpus.require(GHSA + "2020/07/GHSA-p6mc-m468-83gw/GHSA-p6mc-m468-83gw.json")));
        Advisory a = sink.advisory("GHSA-p6mc-m468-83gw").orElseThrow();
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.cvss()).singleElement().satisfies(c -> assertThat(c.score()).isEqualTo(7.4));
        assertThat(sink.affected).extracting(AffectedPackage::name).containsExactly("lodash", "lodash-es");

        List<Finding> found = match(sink, pkg("npm", "lodash", "4.17.15", Map.of()), pkg("npm", "lodash-es", "4.17.19", Map.of()));
        assertThat(found).extracting(f -> f.pkg().name(), Finding::nearestFix)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lodash", java.util.Optional.of("4.17.20")),
                        org.assertj.core.groups.Tuple.tuple("lodash-es", java.util.Optional.of("4.17.20")));
        assertThat(match(sink, pkg("npm", "lodash", "4.17.20", Map.of()), pkg("npm", "lodash", "4.17.21", Map.of())))
                .isEmpty();
        // the record is npm only: a gem or PyPI package of the same name is something else
        assertThat(match(sink, pkg("gem", "lodash", "4.17.15", Map.of()))).isEmpty();
    }

    @Test
    void eventsBecomeIntervalsInTheOrderWritten() throws Exception {
        load(sink, OsvEcosystem.PYPI, json("""
                {"id": "PYSEC-TEST-1", "modified": "2024-01-01T00:00:00Z",
                 "affected": [{"package": {"ecosystem": "PyPI", "name": "Foo.Bar_baz"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [
                     {"introduced": "0"}, {"fixed": "1.0"}, {"introduced": "2.0"}, {"last_affected": "2.2"},
                     {"introduced": "3.0rc1"}]}]}]}"""));
        AffectedPackage row = sink.affected.get(0);
        assertThat(row.namespace()).isEqualTo("PyPI");
        assertThat(row.name()).isEqualTo("foo-bar-baz"); // PEP 503, as the PyPI rule looks it up
        assertThat(row.scheme()).isEqualTo("pep440");
        assertThat(row.ranges()).containsExactly(VersionRange.fixedIn("1.0"), VersionRange.of("2.0", null, "2.2"),
                VersionRange.of("3.0rc1", null, null));

        assertThat(match(sink, pkg("pypi", "foo_bar.BAZ", "0.9", Map.of()))).singleElement()
                .satisfies(f -> assertThat(f.fixedVersions()).containsExactly("1.0"));
        assertThat(match(sink, pkg("pypi", "foo-bar-baz", "1.5", Map.of()))).isEmpty();
        assertThat(match(sink, pkg("pypi", "foo-bar-baz", "2.2", Map.of()))).singleElement()
                .satisfies(f -> {
                    assertThat(f.status()).isEqualTo(AffectedStatus.AFFECTED); // last_affected: no fix above it
                    assertThat(f.fixedVersions()).isEmpty();
                });
        assertThat(match(sink, pkg("pypi", "foo-bar-baz", "2.2.post1", Map.of()))).isEmpty();
        assertThat(match(sink, pkg("pypi", "foo-bar-baz", "3.0b9", Map.of()))).isEmpty();
        assertThat(match(sink, pkg("pypi", "foo-bar-baz", "3.0", Map.of()))).hasSize(1);
    }

    @Test
    void gitRangesAreSkippedAndExplicitVersionsKept() throws Exception {
        OsvRecordParser parser = load(sink, OsvEcosystem.PYPI, json("""
                {"id": "PYSEC-TEST-2", "affected": [
                  {"package": {"ecosystem": "PyPI", "name": "onlygit"},
                   "ranges": [{"type": "GIT", "repo": "https://example.org/x", "events": [
                     {"introduced": "0"}, {"fixed": "0123456789abcdef0123456789abcdef01234567"}]}],
                   "versions": ["1.0", "1.1"]},
                  {"package": {"ecosystem": "PyPI", "name": "nothing-comparable"},
                   "ranges": [{"type": "GIT", "repo": "https://example.org/y", "events": [
                     {"introduced": "0"}, {"fixed": "89abcdef0123456789abcdef0123456789abcdef"}]}]}]}"""));
        assertThat(parser.stats().gitRanges).isEqualTo(2);
        assertThat(parser.stats().uncomparable).isEqualTo(1);
        assertThat(sink.affected).singleElement().satisfies(row -> {
            assertThat(row.name()).isEqualTo("onlygit");
            assertThat(row.ranges()).isEmpty();
            assertThat(row.versions()).containsExactly("1.0", "1.1");
            assertThat(row.status()).isEqualTo(AffectedStatus.AFFECTED);
        });
        assertThat(match(sink, pkg("pypi", "onlygit", "1.1", Map.of()))).hasSize(1);
        assertThat(match(sink, pkg("pypi", "onlygit", "1.2", Map.of()))).isEmpty();
        // no row at all rather than one that would match every version
        assertThat(match(sink, pkg("pypi", "nothing-comparable", "1.0", Map.of()))).isEmpty();
    }

    @Test
    void semverRangesOfANonGoEcosystemUseSemverAndMixedRangesSplit() throws Exception {
        load(sink, OsvEcosystem.MAVEN, json("""
                {"id": "GHSA-test-mixd", "affected": [{"package": {"ecosystem": "Maven", "name": "g:a"},
                   "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"fixed": "1.2.0"}]},
                              {"type": "ECOSYSTEM", "events": [{"introduced": "2.0"}, {"limit": "2.5"}]}],
                   "versions": ["2.0", "2.1"]}]}"""));
        assertThat(sink.affected).extracting(AffectedPackage::scheme, AffectedPackage::ranges, AffectedPackage::versions)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("semver", List.of(VersionRange.of("1.0.0", "1.2.0", null)), List.of()),
                        org.assertj.core.groups.Tuple.tuple("maven", List.of(VersionRange.of("2.0", "2.5", null)), List.of("2.0", "2.1")));
    }

    @Test
    void withdrawnRecordsOtherEcosystemsAndRecordsWithoutIdAreLeftOut() throws Exception {
        OsvRecordParser parser = load(sink, OsvEcosystem.GO,
                json("""
                        {"id": "GO-TEST-1", "withdrawn": "2024-05-01T00:00:00Z", "affected": [
                          {"package": {"ecosystem": "Go", "name": "example.com/m"},
                           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}"""),
                json("""
                        {"id": "GHSA-test-mult", "modified": "0001-01-01T00:00:00Z", "affected": [
                          {"package": {"ecosystem": "npm", "name": "m"},
                           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]},
                          {"package": {"ecosystem": "Go", "name": "example.com/M"},
                           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.2.0-0"}]}]}]}"""),
                json("{\"summary\": \"no id\"}"));
        assertThat(parser.stats().records).isEqualTo(3);
        assertThat(parser.stats().withdrawn).isEqualTo(1);
        assertThat(parser.stats().invalid).isEqualTo(1);
        assertThat(parser.stats().otherEntries).isEqualTo(1);
        assertThat(sink.advisories).extracting(Advisory::id).containsExactly("GHSA-test-mult");
        assertThat(sink.advisories.get(0).modified()).isEmpty(); // the Go repository's placeholder date
        assertThat(sink.affected).singleElement().satisfies(row -> {
            assertThat(row.namespace()).isEqualTo("Go");
            assertThat(row.name()).isEqualTo("example.com/M"); // module paths keep their case
            assertThat(row.scheme()).isEqualTo("go");
        });
        // a release candidate of 1.2.0 is at or above the -0 bound, the module version below it is not
        assertThat(match(sink, pkg("golang", "example.com/M", "v1.2.0-rc.1", Map.of()))).isEmpty();
        assertThat(match(sink, pkg("golang", "example.com/M", "v1.1.9", Map.of()))).hasSize(1);
        assertThat(match(sink, pkg("golang", "example.com/m", "v1.1.9", Map.of()))).isEmpty();
    }

    @Test
    void severityFallsBackToTheCvssRatingAndUbuntuPriorityIsKept() throws Exception {
        load(sink, OsvEcosystem.CRATES_IO, json("""
                {"id": "RUSTSEC-TEST-1", "aliases": ["CVE-2020-0001"], "upstream": ["CVE-2020-0002"],
                 "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"},
                              {"type": "CVSS_V4", "score": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N"}],
                 "affected": [{"package": {"ecosystem": "crates.io", "name": "smallvec"},
                   "ecosystem_specific": {"severity": "low"},
                   "ranges": [{"type": "SEMVER", "events": [{"introduced": "0.6.3"}, {"fixed": "0.6.10"}]}]}]}"""));
        Advisory a = sink.advisories.get(0);
        assertThat(a.cveIds()).containsExactly("CVE-2020-0001", "CVE-2020-0002");
        assertThat(a.severity()).isEqualTo(Severity.HIGH); // 7.5
        assertThat(a.cvss()).extracting(c -> c.version()).containsExactly("3.1", "4.0");
        assertThat(a.cvss().get(1).hasScore()).isFalse();
        assertThat(sink.affected.get(0).severity()).isEqualTo("low");
        assertThat(match(sink, pkg("cargo", "smallvec", "0.6.9", Map.of()))).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW)); // the package's own first
    }
}
