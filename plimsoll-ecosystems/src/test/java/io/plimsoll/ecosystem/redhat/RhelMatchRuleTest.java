package io.plimsoll.ecosystem.redhat;

import io.plimsoll.ecosystem.rpm.RpmCataloger;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.model.Distro;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RHEL packages against rows parsed from real Red Hat VEX documents. */
class RhelMatchRuleTest {

    static RecordingSink sink;

    @BeforeAll
    static void load() throws Exception {
        sink = new RecordingSink();
        for (String doc : List.of(
                VexDocumentParserTest.VEX + "cve-2023-38545.json",            // curl, fixed in RHEL 9
                VexDocumentParserTest.ACCEPTANCE + "cve-2024-0727-openssl.json", // openssl: deferred, will not fix
                VexDocumentParserTest.ACCEPTANCE + "cve-2025-40907-perl.json",   // perl-FCGI: module stream fixes
                VexDocumentParserTest.ACCEPTANCE + "cve-2026-27142.json",        // golang: deferred in go-toolset:rhel8
                VexDocumentParserTest.VEX + "cve-2022-38752.json")) {
            Path file = SharedCorpus.require(doc);
            VexRecord r = VexDocumentParser.parse("redhat", doc, FeedFiles.readJson("redhat", file));
            sink.advisory(r.advisory());
            r.affected().forEach(sink::affected);
        }
    }

    static final Optional<Distro> RHEL9 = Optional.of(new Distro("rhel", "9.4", "", "Red Hat Enterprise Linux 9.4 (Plow)", "cpe:/o:redhat:enterprise_linux:9::baseos", List.of("fedora")));
    static final Optional<Distro> RHEL8 = Optional.of(new Distro("rhel", "8.10", "", "Red Hat Enterprise Linux 8.10 (Ootpa)", "", List.of("fedora")));

    static Package rpm(String name, String evr, String source, String moduleLabel) {
        Map<String, String> meta = new HashMap<>();
        if (moduleLabel != null) {
            meta.put(RpmCataloger.MODULARITY_LABEL, moduleLabel);
        }
        return new Package("rpm", name, evr, "x86_64", source, evr, List.of(), "pkg:rpm/redhat/" + name + "@" + evr,
                List.of(), "rpm", "/var/lib/rpm/rpmdb.sqlite", null, meta);
    }

    static List<Finding> match(Optional<Distro> distro, Package... packages) {
        return new Matcher(new MemoryVulnStore(sink), List.of(new RhelMatchRule()), VersionSchemes::byName)
                .match(List.of(packages), distro);
    }

    @Test
    void aBuildBelowTheFixIsFixedWithTheNearestFix() {
        // libcurl-minimal is named by its binary rpm in the fixed rows
        List<Finding> f = match(RHEL9, rpm("libcurl-minimal", "7.76.1-26.el9_3.1", "curl", null));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.advisory().id()).isEqualTo("CVE-2023-38545");
            assertThat(x.status()).isEqualTo(AffectedStatus.FIXED);
            assertThat(x.fixedVersions()).containsExactly("7.76.1-26.el9_3.2");
            assertThat(x.namespace()).isEqualTo("rhel:9");
            assertThat(x.severity()).isEqualTo(Severity.HIGH);
            assertThat(x.advisory().aliases()).contains("RHSA-2023:6745");
        });
        // older than both RHEL 9 fixes: the nearest comes first
        assertThat(match(RHEL9, rpm("curl", "7.76.1-14.el9", "curl", null))).singleElement()
                .satisfies(x -> assertThat(x.fixedVersions()).containsExactly("7.76.1-23.el9_2.4", "7.76.1-26.el9_3.2"));
        assertThat(match(RHEL9, rpm("libcurl-minimal", "7.76.1-26.el9_3.2", "curl", null))).isEmpty();
        // epoch 0 written out or not is the same version
        assertThat(match(RHEL9, rpm("libcurl-minimal", "0:7.76.1-26.el9_3.2", "curl", null))).isEmpty();
    }

    @Test
    void willNotFixAndDeferredRowsAreFoundBySourceName() {
        // RHEL 7 snakeyaml "Will not fix" names the source rpm only; the binary here is a made-up subpackage
        Optional<Distro> rhel7 = Optional.of(new Distro("rhel", "7.9", "", "", "", List.of()));
        assertThat(match(rhel7, rpm("snakeyaml-javadoc", "1.11-1.el7", "snakeyaml", null))).singleElement()
                .satisfies(x -> {
                    assertThat(x.status()).isEqualTo(AffectedStatus.WILL_NOT_FIX);
                    assertThat(x.matchedName()).isEqualTo("snakeyaml");
                    assertThat(x.hasFix()).isFalse();
                    assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
                });
        assertThat(match(RHEL8, rpm("openssl-libs", "1:1.1.1k-12.el8_9", "openssl", null))).singleElement()
                .satisfies(x -> {
                    assertThat(x.status()).isEqualTo(AffectedStatus.FIX_DEFERRED);
                    assertThat(x.severity()).isEqualTo(Severity.LOW);
                });
    }

    @Test
    void moduleRowsApplyOnlyToTheirStream() {
        String label = "perl-FCGI:0.78:8100020250529111022:e3b61263";
        // an older build of the stream: fixed by the 8.10 build
        assertThat(match(RHEL8, rpm("perl-FCGI", "1:0.78-11.module+el8.3.0+6498+9eecfe51", "perl-FCGI", label)))
                .singleElement().satisfies(x -> {
                    assertThat(x.status()).isEqualTo(AffectedStatus.FIXED);
                    assertThat(x.fixedVersions()).containsExactly("1:0.78-12.module+el8.10.0+23147");
                    assertThat(x.severity()).isEqualTo(Severity.HIGH);
                });
        // the fixed build itself, in a context whose hash sorts below every hash in the advisory
        assertThat(match(RHEL8, rpm("perl-FCGI", "1:0.78-12.module+el8.10.0+23147+0a0b0c0d", "perl-FCGI", label))).isEmpty();
        // rows hold fixes without the context hash, so the installed version is compared without it too: with a
        // suffix after the hash (".1"), a hash starting "0" would otherwise sort below the fix's ".1"
        assertThat(new RhelMatchRule().queries(rpm("perl-FCGI", "1:0.78-11.module+el8.6.0+23193+0a0b0c0d.1", "perl-FCGI", label), RHEL8))
                .extracting(q -> q.version()).containsExactly("1:0.78-11.module+el8.6.0+23193.1");
        // the same name outside the module, or in another stream: the stream's rows say nothing about it
        assertThat(match(RHEL8, rpm("perl-FCGI", "1:0.78-1.el8", "perl-FCGI", null))).isEmpty();
        assertThat(match(RHEL8, rpm("perl-FCGI", "1:0.78-1.module+el8.1.0+1+abcdef01", "perl-FCGI",
                "perl-FCGI:0.77:8010020190101000000:abcdef01"))).isEmpty();
        // unfixed rows of a stream: golang in go-toolset:rhel8 is deferred, a non-modular golang is not in the data
        assertThat(match(RHEL8, rpm("golang", "1.22.9-1.module+el8.10.0+22500+aee717ef", "golang",
                "go-toolset:rhel8:8100020241119201826:a6c2dfd8"))).singleElement()
                .satisfies(x -> assertThat(x.status()).isEqualTo(AffectedStatus.FIX_DEFERRED));
        assertThat(match(RHEL8, rpm("golang", "1.22.9-1.el8", "golang", null))).isEmpty();
        // RHEL 9 perl-FCGI is not modular
        assertThat(match(RHEL9, rpm("perl-FCGI", "1:0.79-8.el9", "perl-FCGI", null))).singleElement()
                .satisfies(x -> assertThat(x.fixedVersions()).containsExactly("1:0.79-8.1.el9_6"));
    }

    @Test
    void onlyRhelImagesAreMatched() {
        RhelMatchRule rule = new RhelMatchRule();
        Package curl = rpm("curl", "7.76.1-14.el9", "curl", null);
        for (String id : List.of("centos", "rocky", "almalinux", "ol", "fedora", "amzn")) {
            assertThat(rule.queries(curl, Optional.of(new Distro(id, "9.4", "", "", "", List.of("rhel"))))).as(id).isEmpty();
        }
        assertThat(rule.queries(curl, Optional.empty())).isEmpty();
        assertThat(rule.queries(curl, Optional.of(new Distro("rhel", "", "", "", "", List.of())))).isEmpty();
        Package deb = new Package("deb", "curl", "7.88.1-10", "amd64", "curl", "7.88.1-10", List.of(), "", List.of(),
                "dpkg", "", null, Map.of());
        assertThat(rule.queries(deb, RHEL9)).isEmpty();
        assertThat(rule.queries(rpm("libcurl", "7.76.1-14.el9", "curl", null), RHEL9))
                .extracting(q -> q.namespace() + " " + q.name()).containsExactly("rhel:9 libcurl", "rhel:9 curl");
        assertThat(match(Optional.of(new Distro("rocky", "9.4", "", "", "", List.of("rhel"))), curl)).isEmpty();
    }

    @Test
    void registeredWithTheEcosystems() {
        assertThat(Ecosystems.matchRules()).anyMatch(r -> r instanceof RhelMatchRule);
        assertThat(Ecosystems.updaters()).anyMatch(u -> u instanceof RedHatVexUpdater && u.name().equals("redhat")
                && u.defaultBaseUrl().equals("https://security.access.redhat.com/data/csaf/v2/vex/"));
        AffectedPackage any = sink.affected.get(0);
        assertThat(VersionSchemes.byName(any.scheme())).isPresent();
    }
}
