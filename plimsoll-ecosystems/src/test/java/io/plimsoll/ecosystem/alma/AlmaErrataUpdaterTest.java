package io.plimsoll.ecosystem.alma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.ecosystem.rpm.repodata.ErrataImages;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vuln-list-update's AlmaLinux errata sample (real upstream records) laid out as errata.almalinux.org serves it. */
class AlmaErrataUpdaterTest {

    static final String SAMPLES = "feeds/vuln-list-update/alma/testdata/";

    @TempDir
    Path tmp;

    /** The sample as AlmaLinux 8's errata; {@code --from DIR} reads {@code DIR/alma/8/errata.json}. */
    Path feed() throws IOException {
        Path root = tmp.resolve("feeds/alma");
        Files.createDirectories(root.resolve("8"));
        Files.copy(SharedCorpus.require(SAMPLES + "errata.json"), root.resolve("8/errata.json"));
        return root;
    }

    static RecordingSink update(Path folder) throws IOException {
        RecordingSink sink = new RecordingSink();
        new AlmaErrataUpdater().update(new LocalFeedFetcher("alma", folder), sink);
        return sink;
    }

    static String row(AffectedPackage a) {
        return a.namespace() + " " + a.name() + " " + a.advisoryId() + " <"
                + a.ranges().get(0).fixed().orElseThrow() + a.module().map(m -> " [" + m + "]").orElse("");
    }

    @Test
    void theSampleGivesItsSecurityErrataOnly() throws IOException {
        RecordingSink sink = update(feed());
        // 4 errata: 3 security, 1 bug fix (ALBA-2021:3240, dotnet), which names no vulnerability
        assertThat(sink.advisories).extracting(Advisory::id)
                .containsExactly("ALSA-2021:3253", "ALSA-2021:3152", "ALSA-2020:0279");
        assertThat(sink.affected).extracting(AlmaErrataUpdaterTest::row).containsExactly(
                "almalinux:8 libsndfile ALSA-2021:3253 <1.0.28-10.el8_4.1",
                "almalinux:8 exiv2-devel ALSA-2021:3152 <0.27.3-3.el8_4",
                "almalinux:8 exiv2-doc ALSA-2021:3152 <0.27.3-3.el8_4",
                "almalinux:8 exiv2 ALSA-2021:3152 <0.27.3-3.el8_4",
                "almalinux:8 exiv2-libs ALSA-2021:3152 <0.27.3-3.el8_4",
                // the module erratum lists the 8.4 and the 8.3 module builds: the first build that fixed it counts
                "almalinux:8 libiscsi ALSA-2020:0279 <1.18.0-8.module_el8.3.0+2048+e7a0a3ea [virt:rhel]",
                "almalinux:8 libiscsi-devel ALSA-2020:0279 <1.18.0-8.module_el8.3.0+2048+e7a0a3ea [virt:rhel]",
                "almalinux:8 libiscsi-utils ALSA-2020:0279 <1.18.0-8.module_el8.3.0+2048+e7a0a3ea [virt:rhel]",
                "almalinux:8 netcf ALSA-2020:0279 <0.2.8-12.module_el8.3.0+2048+e7a0a3ea [virt:rhel]",
                "almalinux:8 netcf-devel ALSA-2020:0279 <0.2.8-12.module_el8.3.0+2048+e7a0a3ea [virt:rhel]",
                "almalinux:8 netcf-libs ALSA-2020:0279 <0.2.8-12.module_el8.3.0+2048+e7a0a3ea [virt:rhel]",
                "almalinux:8 sgabios ALSA-2020:0279 <1:0.20170427git-3.module_el8.3.0+2048+e7a0a3ea [virt:rhel]",
                "almalinux:8 sgabios-bin ALSA-2020:0279 <1:0.20170427git-3.module_el8.3.0+2048+e7a0a3ea [virt:rhel]");
        assertThat(sink.affected).allSatisfy(a -> {
            assertThat(a.source()).isEqualTo("alma");
            assertThat(a.scheme()).isEqualTo("rpm");
        });
        Advisory sndfile = sink.advisories.get(0);
        assertThat(sndfile.aliases()).containsExactly("CVE-2021-3246");
        assertThat(sndfile.sourceSeverity()).isEqualTo("Important");
        assertThat(sndfile.severity()).isEqualTo(Severity.HIGH);
        assertThat(sndfile.title()).isEqualTo("Important: libsndfile security update");
        assertThat(sndfile.published()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("2021-08-24T07:29:56Z"));
        assertThat(sink.progress).contains("alma: 8: 4 errata, 3 security", "alma: skipped 1 × bugfix errata (not vulnerabilities)",
                "alma: 1 releases, 3 advisories, 13 fixed packages");
    }

    @Test
    void aDamagedFileIsAFeedExceptionNamingIt() throws IOException {
        Path root = feed();
        Files.copy(SharedCorpus.require(SAMPLES + "invalid.json"), root.resolve("8/errata.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> update(root)).isInstanceOf(FeedException.class)
                .hasMessageContaining(root.resolve("8/errata.json").toString()).hasMessageContaining("invalid JSON");
        Files.writeString(root.resolve("8/errata.json"), "[{\"updateinfo_id\": \"ALSA-1\", \"type\": \"security\"}");
        assertThatThrownBy(() -> update(root)).isInstanceOf(FeedException.class).hasMessageContaining("truncated");
    }

    static String almaOsRelease(String versionId) throws IOException {
        String real = Files.readString(SharedCorpus.require(
                "corpus/syft/syft/linux/testdata/os/almalinux/from-os-release/etc/os-release"));
        return real.replace("VERSION_ID=\"8.4\"", "VERSION_ID=\"" + versionId + "\"");
    }

    static ErrataImages image(String versionId) throws IOException {
        return ErrataImages.withOsRelease(almaOsRelease(versionId))
                .rpm("libsndfile", null, "1.0.28", "10.el8_4", null)         // below ALSA-2021:3253's fix
                .rpm("exiv2", null, "0.27.3", "3.el8_4", null)               // at ALSA-2021:3152's fix
                .rpm("dotnet-sdk-2.1", null, "2.1.525", "1.el8_4", null)     // below a bug-fix erratum's build
                .rpm("libiscsi", null, "1.18.0", "7.el8", null);             // module rows: not this non-modular build
    }

    @Test
    void anAlmaLinux8RootFilesystemIsMatchedAgainstItsOwnReleasesErrata() throws Exception {
        List<Finding> findings = image("8.4").scan(tmp.resolve("root8"), update(feed()));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.pkg().name()).isEqualTo("libsndfile");
            assertThat(f.advisory().id()).isEqualTo("ALSA-2021:3253");
            assertThat(f.advisory().aliases()).containsExactly("CVE-2021-3246");
            assertThat(f.namespace()).isEqualTo("almalinux:8");
            assertThat(f.fixedVersions()).containsExactly("1.0.28-10.el8_4.1");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void anotherReleasesErrataNeverApply() throws Exception {
        // the same packages on AlmaLinux 9: the feed has errata for 8 only
        assertThat(image("9.4").scan(tmp.resolve("root9"), update(feed()))).isEmpty();
    }

    @Test
    void aModuleRowAppliesToAnOlderBuildOfItsStream() throws Exception {
        List<Finding> findings = ErrataImages.withOsRelease(almaOsRelease("8.4"))
                .rpm("libiscsi", null, "1.18.0", "8.module_el8.3.0+2000+1234abcd", "virt:rhel:8030020200101:1234abcd")
                .rpm("sgabios", 1, "0.20170427git", "3.module_el8.3.0+2048+e7a0a3ea", "virt:rhel:8030020200101:e7a0a3ea")
                .rpm("netcf", 0, "0.2.8", "11.module_el8.3.0+2048+e7a0a3ea", "virt:rhel:8030020200101:e7a0a3ea")
                .scan(tmp.resolve("root"), update(feed()));
        // sgabios is at the fix (epoch 1 on both sides); libiscsi and netcf are older builds of the stream
        assertThat(findings).extracting(f -> f.pkg().name() + " " + f.advisory().id() + " " + f.fixedVersions())
                .containsExactlyInAnyOrder("libiscsi ALSA-2020:0279 [1.18.0-8.module_el8.3.0+2048+e7a0a3ea]",
                        "netcf ALSA-2020:0279 [0.2.8-12.module_el8.3.0+2048+e7a0a3ea]");
    }

    /** {@code multi-module-errata.json}: errata in the current export's shape, each listing two module streams. */
    Path multiModuleFeed() throws IOException {
        Path root = tmp.resolve("multi/alma");
        Files.createDirectories(root.resolve("8"));
        try (var in = AlmaErrataUpdaterTest.class.getResourceAsStream("multi-module-errata.json")) {
            Files.copy(in, root.resolve("8/errata.json"));
        }
        return root;
    }

    @Test
    void anErratumOfSeveralStreamsFilesItsModuleBuildsUnderTheStreamsItFixed() throws IOException {
        RecordingSink sink = update(multiModuleFeed());
        assertThat(sink.affected).extracting(AlmaErrataUpdaterTest::row).containsExactly(
                // the title names one of the two streams: that one
                "almalinux:8 libiscsi ALSA-2020:0279 <1.18.0-8.module_el8.4.0+2523+3300d70f [virt:rhel]",
                "almalinux:8 netcf ALSA-2020:0279 <0.2.8-12.module_el8.4.0+2523+3300d70f [virt:rhel]",
                // the title names both: each of them; the non-modular build stays non-modular
                "almalinux:8 podman ALSA-2021:9999 <3.0.1-7.module_el8.4.0+2198+a6e5ad6b [container-tools:rhel8]",
                "almalinux:8 podman ALSA-2021:9999 <3.0.1-7.module_el8.4.0+2198+a6e5ad6b [container-tools:3.0]",
                "almalinux:8 containers-common ALSA-2021:9999 <1:1.2.2-10.el8");
    }

    @Test
    void aNonModularPackageNeverMatchesAModuleErratumOfSeveralStreams() throws Exception {
        List<Finding> findings = ErrataImages.withOsRelease(almaOsRelease("8.4"))
                .rpm("libiscsi", null, "1.18.0", "7.el8", null)                  // non-modular: no row for it
                .rpm("netcf", 0, "0.2.8", "11.module_el8.3.0+2048+e7a0a3ea", "virt:rhel:8030020200101:e7a0a3ea")
                .rpm("podman", null, "3.0.0", "1.module_el8.4.0+1000+aaaaaaaa", "container-tools:2.0:8040:aaaaaaaa")
                .rpm("containers-common", 1, "1.2.2", "9.el8", null)
                .scan(tmp.resolve("root"), update(multiModuleFeed()));
        // podman of a stream the erratum did not fix is not matched; the others are older builds of their kind
        assertThat(findings).extracting(f -> f.pkg().name() + " " + f.advisory().id())
                .containsExactlyInAnyOrder("netcf ALSA-2020:0279", "containers-common ALSA-2021:9999");
    }
}
