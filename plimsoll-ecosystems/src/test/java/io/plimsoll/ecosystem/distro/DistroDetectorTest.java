package io.plimsoll.ecosystem.distro;

import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.testing.FileTreeFixture;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.model.Distro;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Explicit expectations, one distribution (or one way of finding it) per case, from images' real release
 * files: the shared corpus where it has them, otherwise small trees written out here.
 */
class DistroDetectorTest {

    static Optional<Distro> detect(Map<String, String> tree) {
        return DistroDetector.detect(FileTreeFixture.files(tree), FileTreeFixture.exists(tree));
    }

    static Optional<Distro> detectIn(String corpusDir) {
        Path root = SharedCorpus.require(corpusDir);
        return DistroDetector.detect(FileTreeFixture.files(root), FileTreeFixture.exists(root));
    }

    private static Distro distro(String id, String version, String codename, String namespace, Optional<Distro> d) {
        assertThat(d).as("detected").isPresent();
        assertThat(d.get().id()).as("id").isEqualTo(id);
        assertThat(d.get().versionId()).as("versionId").isEqualTo(version);
        assertThat(d.get().codename()).as("codename").isEqualTo(codename);
        assertThat(Ecosystems.namespaceOf(d.get())).as("namespace").isEqualTo(namespace);
        return d.get();
    }

    // --- one case per distribution ---------------------------------------------------------------------------

    @Test
    void debianBookworm() {
        distro("debian", "12", "bookworm", "debian:12", detectIn("corpus/claircore/debian/testdata/dist/12"));
    }

    @Test
    void debianPointReleaseComesFromDebianVersion() {
        distro("debian", "13.5", "trixie", "debian:13", detectIn("corpus/syft/syft/linux/testdata/os/debian/with-point-release"));
    }

    @Test
    void debianJessieCodenameComesFromVersion() {
        distro("debian", "8", "jessie", "debian:8", detectIn("corpus/claircore/debian/testdata/dist/8"));
    }

    @Test
    void debianTestingHasACodenameAndNoVersion() {
        Distro d = distro("debian", "", "trixie", "debian:13", detect(Map.of(
                "/etc/os-release", """
                        PRETTY_NAME="Debian GNU/Linux trixie/sid"
                        NAME="Debian GNU/Linux"
                        VERSION_CODENAME=trixie
                        ID=debian
                        HOME_URL="https://www.debian.org/"
                        """,
                "/etc/debian_version", "trixie/sid\n")));
        assertThat(d.prettyName()).isEqualTo("Debian GNU/Linux trixie/sid");
    }

    @Test
    void debianTestingCodenameFallsBackToDebianVersion() {
        distro("debian", "", "forky", "debian:14", detect(Map.of(
                "/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux forky/sid\"\nID=debian\n",
                "/etc/debian_version", "forky/sid\n")));
    }

    @Test
    void debianUnstableWithOnlySid() {
        distro("debian", "", "sid", "debian:unstable", detect(Map.of(
                "/etc/os-release", "ID=debian\nNAME=\"Debian GNU/Linux\"\n",
                "/etc/debian_version", "sid\n")));
    }

    @Test
    void distrolessDebianWithoutOsRelease() {
        Distro d = distro("debian", "11.9", "", "debian:11", detect(Map.of(
                "/etc/debian_version", "11.9\n",
                "/var/lib/dpkg/status.d/base-files", "Package: base-files\nVersion: 11.1+deb11u9\n")));
        assertThat(d.prettyName()).isEqualTo("Debian GNU/Linux 11.9");
    }

    @Test
    void debianVersionAloneWithoutADpkgDatabaseIsNotEnough() {
        assertThat(detect(Map.of("/etc/debian_version", "11.9\n"))).isEmpty();
    }

    @Test
    void distrolessOsReleaseTakesTheVersionFromDebianVersion() {
        distro("debian", "10.8", "", "debian:10", detectIn("corpus/syft/syft/linux/testdata/os/debian/from-debian_version"));
    }

    @Test
    void ubuntuJammy() {
        Distro d = distro("ubuntu", "22.04", "jammy", "ubuntu:22.04", detectIn("corpus/claircore/ubuntu/testdata/dist/22.04"));
        assertThat(d.idLike()).containsExactly("debian");
    }

    @Test
    void ubuntuLucidHasOnlyLsbRelease() {
        Distro d = distro("ubuntu", "10.04", "lucid", "ubuntu:10.04", detectIn("corpus/claircore/ubuntu/testdata/dist/10.04"));
        assertThat(d.prettyName()).isEqualTo("Ubuntu 10.04 LTS");
    }

    @Test
    void ubuntuPreciseCodenameComesFromLsbRelease() {
        distro("ubuntu", "12.04", "precise", "ubuntu:12.04", detectIn("corpus/claircore/ubuntu/testdata/dist/12.04"));
    }

    @Test
    void alpineIsKeyedByMajorMinor() {
        distro("alpine", "3.18.4", "", "alpine:3.18", detectIn("corpus/claircore/alpine/testdata/3.18"));
    }

    @Test
    void alpineEdge() {
        distro("alpine", "3.19_alpha20230901", "", "alpine:edge", detectIn("corpus/claircore/alpine/testdata/edge"));
    }

    @Test
    void alpineWithOnlyAlpineRelease() {
        distro("alpine", "3.20.3", "", "alpine:3.20", detect(Map.of("/etc/alpine-release", "3.20.3\n")));
    }

    @Test
    void rhelUbi8() {
        Distro d = distro("rhel", "8.1", "", "rhel:8", detectIn("corpus/claircore/rhel/testdata/releasefiles/8"));
        assertThat(d.cpe()).isEqualTo("cpe:/o:redhat:enterprise_linux:8.1:GA");
        assertThat(d.idLike()).containsExactly("fedora");
    }

    @Test
    void rhelUbi9() {
        Distro d = distro("rhel", "9.0", "", "rhel:9", detectIn("corpus/claircore/rhel/testdata/releasefiles/9"));
        assertThat(d.prettyName()).isEqualTo("Red Hat Enterprise Linux 9.0 (Plow)");
    }

    @Test
    void rhelFromRedhatReleaseAlone() {
        distro("rhel", "8.10", "", "rhel:8", detectIn("corpus/syft/syft/linux/testdata/os/redhat/from-redhat-release"));
    }

    @Test
    void centos8() {
        Distro d = distro("centos", "8", "", "centos:8", detectIn("corpus/syft/syft/linux/testdata/os/centos"));
        assertThat(d.idLike()).containsExactly("rhel", "fedora");
    }

    @Test
    void centos7FromCentosReleaseAlone() {
        Distro d = distro("centos", "7.9.2009", "", "centos:7", detect(Map.of(
                "/etc/centos-release", "CentOS Linux release 7.9.2009 (Core)\n",
                "/etc/redhat-release", "CentOS Linux release 7.9.2009 (Core)\n",
                "/etc/system-release-cpe", "cpe:/o:centos:centos:7\n")));
        assertThat(d.cpe()).isEqualTo("cpe:/o:centos:centos:7");
        assertThat(d.idLike()).containsExactly("rhel");
    }

    @Test
    void centosStream9() {
        distro("centos", "9", "", "centos:9", detect(Map.of("/etc/os-release", """
                NAME="CentOS Stream"
                VERSION="9"
                ID="centos"
                ID_LIKE="rhel fedora"
                VERSION_ID="9"
                PLATFORM_ID="platform:el9"
                PRETTY_NAME="CentOS Stream 9"
                CPE_NAME="cpe:/o:centos:centos:9"
                """)));
    }

    @Test
    void rocky() {
        distro("rocky", "8.4", "", "rocky:8", detectIn("corpus/syft/syft/linux/testdata/os/rockylinux/from-os-release"));
    }

    @Test
    void alma() {
        distro("almalinux", "8.4", "", "almalinux:8", detectIn("corpus/syft/syft/linux/testdata/os/almalinux/from-os-release"));
    }

    @Test
    void fedora() {
        distro("fedora", "36", "", "fedora:36", detectIn("corpus/syft/syft/linux/testdata/os/fedora"));
    }

    @Test
    void amazonLinux2() {
        distro("amzn", "2", "", "amzn:2", detectIn("corpus/syft/syft/linux/testdata/os/amazon"));
    }

    @Test
    void amazonLinux2023() {
        Distro d = distro("amzn", "2023", "", "amzn:2023", detect(Map.of("/etc/os-release", """
                NAME="Amazon Linux"
                VERSION="2023"
                ID="amzn"
                ID_LIKE="fedora"
                VERSION_ID="2023"
                PLATFORM_ID="platform:al2023"
                PRETTY_NAME="Amazon Linux 2023.4.20240611"
                ANSI_COLOR="0;33"
                CPE_NAME="cpe:2.3:o:amazon:amazon_linux:2023"
                HOME_URL="https://aws.amazon.com/linux/amazon-linux-2023/"
                SUPPORT_END="2028-03-15"
                """)));
        assertThat(d.cpe()).isEqualTo("cpe:2.3:o:amazon:amazon_linux:2023");
    }

    @Test
    void amazonLinux1FromSystemRelease() {
        distro("amzn", "2018.03", "", "amzn:2018.03", detect(Map.of(
                "/etc/system-release", "Amazon Linux AMI release 2018.03\n")));
    }

    @Test
    void oracleLinux8() {
        Distro d = distro("ol", "8.3", "", "ol:8", detectIn("corpus/syft/syft/linux/testdata/os/oraclelinux"));
        assertThat(d.cpe()).isEqualTo("cpe:/o:oracle:linux:8:3:server");
    }

    @Test
    void oracleLinux6IsNotTakenForTheRhelItsRedhatReleaseNames() {
        distro("ol", "6.10", "", "ol:6", detectIn("corpus/claircore/rhel/testdata/releasefiles/oracle-6"));
    }

    @Test
    void sles() {
        Distro d = distro("sles", "15.2", "", "sles:15.2", detectIn("corpus/syft/syft/linux/testdata/os/sles"));
        assertThat(d.prettyName()).isEqualTo("SUSE Linux Enterprise Server 15 SP2");
    }

    @Test
    void openSuseLeap() {
        Distro d = distro("opensuse-leap", "15.2", "", "opensuse-leap:15.2", detectIn("corpus/syft/syft/linux/testdata/os/opensuse-leap"));
        assertThat(d.idLike()).containsExactly("suse", "opensuse");
    }

    @Test
    void openSuseTumbleweedIsRolling() {
        Distro d = distro("opensuse-tumbleweed", "20240607", "", "opensuse-tumbleweed:rolling", detect(Map.of(
                "/usr/lib/os-release", """
                        NAME="openSUSE Tumbleweed"
                        # VERSION="20240607"
                        ID="opensuse-tumbleweed"
                        ID_LIKE="opensuse suse"
                        VERSION_ID="20240607"
                        PRETTY_NAME="openSUSE Tumbleweed"
                        ANSI_COLOR="0;32"
                        CPE_NAME="cpe:/o:opensuse:tumbleweed:20240607"
                        """)));
        assertThat(d.idLike()).containsExactly("opensuse", "suse");
    }

    @Test
    void photon2() {
        distro("photon", "2.0", "", "photon:2.0", detectIn("corpus/syft/syft/linux/testdata/os/photon"));
    }

    @Test
    void photon5() {
        distro("photon", "5.0", "", "photon:5.0", detect(Map.of("/etc/os-release", """
                NAME="VMware Photon OS"
                VERSION="5.0"
                ID=photon
                VERSION_ID=5.0
                PRETTY_NAME="VMware Photon OS/Linux"
                """)));
    }

    @Test
    void cblMariner() {
        distro("mariner", "1.0", "", "mariner:1.0", detectIn("corpus/syft/syft/linux/testdata/os/mariner"));
    }

    @Test
    void azureLinux3() {
        distro("azurelinux", "3.0", "", "azurelinux:3.0", detect(Map.of("/etc/os-release", """
                NAME="Microsoft Azure Linux"
                VERSION="3.0.20240727"
                ID=azurelinux
                VERSION_ID="3.0"
                PRETTY_NAME="Microsoft Azure Linux 3.0"
                ANSI_COLOR="1;34"
                HOME_URL="https://aka.ms/azurelinux"
                """)));
    }

    @Test
    void wolfiIsRolling() {
        distro("wolfi", "20220914", "", "wolfi:rolling", detectIn("corpus/syft/syft/linux/testdata/os/wolfi"));
    }

    @Test
    void chainguardIsRolling() {
        distro("chainguard", "20230214", "", "chainguard:rolling", detect(Map.of("/etc/os-release", """
                ID=chainguard
                NAME="Chainguard"
                PRETTY_NAME="Chainguard"
                VERSION_ID="20230214"
                HOME_URL="https://chainguard.dev/"
                """)));
    }

    @Test
    void busyboxFromItsBanner() {
        distro("busybox", "1.31.1", "", "busybox:1.31.1", detectIn("corpus/syft/syft/linux/testdata/os/busybox"));
    }

    // --- which file wins ------------------------------------------------------------------------------------

    @Test
    void etcOsReleaseWinsOverUsrLib() {
        distro("alpine", "3.19.1", "", "alpine:3.19", detect(Map.of(
                "/etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n",
                "/usr/lib/os-release", "ID=debian\nVERSION_ID=12\n")));
    }

    @Test
    void anEmptyEtcOsReleaseFallsThroughToUsrLib() {
        distro("debian", "12", "bookworm", "debian:12", detect(Map.of(
                "/etc/os-release", "\n# nothing\n",
                "/usr/lib/os-release", "ID=debian\nVERSION_ID=12\nVERSION_CODENAME=bookworm\n")));
    }

    @Test
    void garbageOsReleaseFallsThroughToOlderFiles() {
        distro("rocky", "9.4", "", "rocky:9", detect(Map.of(
                "/etc/os-release", "\u0000\u0001\u00ff garbage \u0007\n",
                "/etc/redhat-release", "Rocky Linux release 9.4 (Blue Onyx)\n")));
    }

    @Test
    void randomBytesInEveryReleaseFileNeverThrow() {
        java.util.Random random = new java.util.Random(6);
        for (int i = 0; i < 200; i++) {
            java.util.Map<String, byte[]> tree = new java.util.HashMap<>();
            for (String path : DistroDetector.FILES) {
                if (random.nextInt(3) > 0) {
                    byte[] junk = new byte[random.nextInt(2048)];
                    random.nextBytes(junk);
                    tree.put(path, junk);
                }
            }
            Optional<Distro> d = DistroDetector.detect(p -> Optional.ofNullable(tree.get(p)), p -> true);
            d.ifPresent(found -> assertThat(Ecosystems.namespaceOf(found)).isNotNull());
        }
    }

    @Test
    void nothingToGoOn() {
        assertThat(detect(Map.of())).isEmpty();
        assertThat(detect(Map.of("/etc/hostname", "x\n"))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("releaseTexts")
    void releaseTextFiles(String text, String id, String version) {
        Optional<Distro> d = ReleaseFiles.fromReleaseText(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (id == null) {
            assertThat(d).isEmpty();
        } else {
            assertThat(d).get().extracting(Distro::id, Distro::versionId).containsExactly(id, version);
            assertThat(d.get().prettyName()).isEqualTo(text.trim());
        }
    }

    static Stream<Arguments> releaseTexts() {
        return Stream.of(
                arguments("Red Hat Enterprise Linux Server release 7.4 (Maipo)", "rhel", "7.4"),
                arguments("Red Hat Enterprise Linux release 10.0 (Coughlan)", "rhel", "10.0"),
                arguments("CentOS release 6.10 (Final)", "centos", "6.10"),
                arguments("CentOS Stream release 9", "centos", "9"),
                arguments("Oracle Linux Server release 7.9", "ol", "7.9"),
                arguments("Enterprise Linux Enterprise Linux Server release 5.11 (Carthage)", "ol", "5.11"),
                arguments("Fedora release 40 (Forty)", "fedora", "40"),
                arguments("Amazon Linux release 2 (Karoo)", "amzn", "2"),
                arguments("EuroLinux release 9.2 (Stockholm)", "eurolinux", "9.2"),
                arguments("no release word here 5.1", null, null),
                arguments("Foo release (no version)", null, null));
    }

    @Test
    void systemReleaseCpeNeedsAVersionInItsPlace() {
        assertThat(ReleaseFiles.fromCpe("cpe:/o:centos:linux:6:GA\n".getBytes()))
                .get().extracting(Distro::id, Distro::versionId).containsExactly("centos", "6");
        assertThat(ReleaseFiles.fromCpe("cpe:2.3:o:amazon:amazon_linux:2\n".getBytes()))
                .get().extracting(Distro::id, Distro::versionId).containsExactly("amzn", "2");
        assertThat(ReleaseFiles.fromCpe("cpe:/o:centos:6:GA".getBytes())).isEmpty();
        assertThat(ReleaseFiles.fromCpe("not a cpe".getBytes())).isEmpty();
        assertThat(ReleaseFiles.fromCpe("cpe:/o:x".getBytes())).isEmpty();
    }

    @Test
    void busyboxBannerScanSurvivesJunk() {
        assertThat(ReleaseFiles.fromBusyBox("BusyBox v".getBytes())).isEmpty();
        assertThat(ReleaseFiles.fromBusyBox("xxBusyBox vyy BusyBox v1.36.1 (2024)".getBytes()))
                .get().extracting(Distro::versionId).isEqualTo("1.36.1");
        assertThat(ReleaseFiles.fromBusyBox(new byte[0])).isEmpty();
    }

    @Test
    void filesListNamesEverythingDetectReads() {
        java.util.Set<String> asked = new java.util.HashSet<>();
        DistroDetector.detect(p -> {
            asked.add(p);
            return Optional.empty();
        }, p -> true);
        assertThat(DistroDetector.FILES).containsAll(asked);
        assertThat(List.copyOf(asked)).isNotEmpty();
    }
}
