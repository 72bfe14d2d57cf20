package io.plimsoll.ecosystem.osv;

import static io.plimsoll.ecosystem.osv.OsvTesting.match;
import static io.plimsoll.ecosystem.osv.OsvTesting.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.advice.Advisor;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.advice.PackageAdvice;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One finding per flaw where an OSV zip holds several records of it that name each other or one CVE
 * ({@code AliasFold}). {@code alias-fold-pypi.json} holds records written for these tests in the shape PyPA and
 * GitHub publish (ids in 2099, packages that do not exist): a PYSEC and GHSA pair of one CVE with different fixes,
 * a pair without a CVE, an unrelated record, a withdrawn duplicate, another package naming the same CVE, and a
 * record naming two CVEs. The shared PyPI snapshot adds the real case: PyPA's two records of CVE-2021-42343.
 */
class OsvAliasFoldTest {

    private static RecordingSink fixture() throws Exception {
        JsonNode records;
        try (InputStream in = OsvAliasFoldTest.class.getResourceAsStream("alias-fold-pypi.json")) {
            records = FeedFiles.readJson("osv", "alias-fold-pypi.json", in);
        }
        List<JsonNode> each = new ArrayList<>();
        records.forEach(each::add);
        RecordingSink sink = new RecordingSink();
        OsvTesting.load(sink, OsvEcosystem.PYPI, each.toArray(JsonNode[]::new));
        return sink;
    }

    private static String shown(Finding f) {
        return f.pkg().name() + " " + f.advisory().id() + " " + f.advisory().aliases() + " " + f.fixedVersions()
                + " " + f.severity().label();
    }

    @Test
    void aPypaRecordAndGithubsOfOneFlawAreOneFindingUnderTheirCve() throws Exception {
        List<Finding> found = match(fixture(), pkg("pypi", "quillwork", "1.4.0", Map.of()));

        assertThat(found).extracting(OsvAliasFoldTest::shown).containsExactly(
                // the pair: the CVE they share, the nearest fix (PyPA's backport), GitHub's critical
                "quillwork CVE-2099-1001 [PYSEC-2099-1, GHSA-qqqq-1111-aaaa] [1.4.2, 1.5.1] critical",
                // unrelated to the pair; the withdrawn GHSA of the same CVE stays out
                "quillwork PYSEC-2099-2 [CVE-2099-1002] [2.0] unknown",
                // a pair with no CVE: PyPA's own id, GitHub's severity
                "quillwork PYSEC-2099-3 [GHSA-rrrr-3333-cccc] [] medium");
        Finding pair = found.get(0);
        assertThat(pair.advisory().title()).isEqualTo("Remote code execution in quillwork's template filters");
        assertThat(pair.advisory().description()).startsWith("quillwork before 1.4.2");
        assertThat(pair.status()).isEqualTo(AffectedStatus.FIXED);
        assertThat(pair.nearestFix()).hasValue("1.4.2");
        assertThat(pair.cvss()).singleElement().satisfies(c -> assertThat(c.score()).isEqualTo(9.8));
        assertThat(pair.advisory().references()).containsExactly("https://example.org/quillwork/1.4.2",
                "https://github.com/advisories/GHSA-qqqq-1111-aaaa");
        assertThat(pair.advisory().ids().matchesAny(List.of("ghsa-qqqq-1111-aaaa"))).isTrue();
        assertThat(found.get(2).status()).isEqualTo(AffectedStatus.AFFECTED);
    }

    @Test
    void theFixShownIsTheEarliestAboveTheInstalledVersionAndAdviceStillChecksEveryRecord() throws Exception {
        RecordingSink feed = fixture();
        // on the 1.5 line PyPA's backport does not apply: both records name 1.5.1
        assertThat(match(feed, pkg("pypi", "quillwork", "1.5.0", Map.of()))).extracting(OsvAliasFoldTest::shown)
                .first().isEqualTo("quillwork CVE-2099-1001 [PYSEC-2099-1, GHSA-qqqq-1111-aaaa] [1.5.1] critical");
        // at 1.4.2 only GitHub's record calls the version affected: one record, its own id
        assertThat(match(feed, pkg("pypi", "quillwork", "1.4.2", Map.of()))).extracting(OsvAliasFoldTest::shown)
                .first().isEqualTo("quillwork GHSA-qqqq-1111-aaaa [CVE-2099-1001] [1.5.1] critical");

        MemoryVulnStore store = new MemoryVulnStore(feed);
        List<Finding> findings = match(feed, pkg("pypi", "quillwork", "1.4.0", Map.of()));
        PackageAdvice advice = new Advisor(store, Ecosystems.matchRules(), VersionSchemes::byName,
                Ecosystems::upgradeCommand).advise(List.of(), findings, BaseImage.unknown()).packages().get(0);
        // 1.4.2 clears nothing (GitHub's record of the pair still affects it); 2.0 clears the two fixed findings,
        // and what remains is named as the findings name it, not once per record
        assertThat(advice.target()).hasValueSatisfying(t -> {
            assertThat(t.version()).isEqualTo("2.0");
            assertThat(t.clears()).containsExactly("CVE-2099-1001", "PYSEC-2099-2");
            assertThat(t.remaining()).containsExactly("PYSEC-2099-3");
        });
    }

    @Test
    void recordsThatDoNotNameEachOtherStayApartAndTwoPackagesNeverMerge() throws Exception {
        List<Finding> found = match(fixture(), pkg("pypi", "quillwork", "1.4.0", Map.of()),
                pkg("pypi", "inkwell", "0.8", Map.of()), pkg("pypi", "vellum", "1.0", Map.of()));

        assertThat(found).extracting(OsvAliasFoldTest::shown).containsExactly(
                // the same CVE as quillwork's pair, in another package: its own finding
                "inkwell PYSEC-2099-4 [CVE-2099-1001] [0.9] unknown",
                "quillwork CVE-2099-1001 [PYSEC-2099-1, GHSA-qqqq-1111-aaaa] [1.4.2, 1.5.1] critical",
                "quillwork PYSEC-2099-2 [CVE-2099-1002] [2.0] unknown",
                "quillwork PYSEC-2099-3 [GHSA-rrrr-3333-cccc] [] medium",
                // -5 names both CVEs: it joins -6 (CVE-2099-1005), but -7 shares nothing with -6 and stays apart
                "vellum CVE-2099-1005 [PYSEC-2099-5, PYSEC-2099-6, CVE-2099-1006] [2.0] unknown",
                "vellum PYSEC-2099-7 [CVE-2099-1006] [2.0] unknown");
    }

    @Test
    void pypasTwoRealRecordsOfOneCveAreOneFinding() throws Exception {
        RecordingSink feed = new RecordingSink();
        new OsvUpdater(List.of(OsvEcosystem.PYPI)).update(
                new LocalFeedFetcher("osv", SharedCorpus.require("feeds/osv")), feed);

        // PYSEC-2021-871 and PYSEC-2021-872 both describe CVE-2021-42343 (Dask's workers listening on every
        // interface), fixed in 2021.10.0; the snapshot holds no GHSA records, so they are the only pair for one package
        assertThat(match(feed, pkg("pypi", "distributed", "2021.9.0", Map.of()))).singleElement().satisfies(f -> {
            assertThat(f.advisory().id()).isEqualTo("CVE-2021-42343");
            assertThat(f.advisory().aliases()).containsExactly("PYSEC-2021-871", "PYSEC-2021-872",
                    "GHSA-hwqr-f3v9-hwxr", "GHSA-j8fq-86c5-5v2r");
            assertThat(f.fixedVersions()).containsExactly("2021.10.0");
            assertThat(f.advisory().description()).startsWith("An issue was discovered in the Dask distributed");
        });
        // certifi's two records are two flaws (CVE-2022-23491, CVE-2023-37920): two findings
        assertThat(match(feed, pkg("pypi", "certifi", "2022.9.24", Map.of())))
                .extracting(f -> f.advisory().id() + " " + f.nearestFix().orElse("") + " " + f.severity())
                .containsExactly("PYSEC-2022-42986 2022.12.7 " + Severity.UNKNOWN,
                        "PYSEC-2023-135 2023.7.22 " + Severity.UNKNOWN);
    }
}
