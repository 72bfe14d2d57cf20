package io.plimsoll.ecosystem;

import io.plimsoll.model.Distro;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each distribution's namespace rule, as the registered ecosystems give it (moved from model's DistroTest). */
class DistroNamespaceTest {

    private static Distro of(String id, String version) {
        return new Distro(id, version, "", "", "", List.of());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "debian, 12, debian:12",
            "debian, 12.5, debian:12",
            "ubuntu, 22.04, ubuntu:22.04",
            "ubuntu, 18.04.3, ubuntu:18.04",
            "alpine, 3.19.1, alpine:3.19",
            "alpine, 3.3, alpine:3.3",
            "alpine, 3.19_alpha20230901, alpine:edge",
            "rhel, 9.3, rhel:9",
            "rhel, 8, rhel:8",
            "centos, 7.9.2009, centos:7",
            "rocky, 8.10, rocky:8",
            "almalinux, 9.4, almalinux:9",
            "ol, 8.3, ol:8",
            "fedora, 40, fedora:40",
            "amzn, 2, amzn:2",
            "amzn, 2023, amzn:2023",
            "amzn, 2018.03, amzn:2018.03",
            "sles, 15.5, sles:15.5",
            "opensuse-leap, 15.5, opensuse-leap:15.5",
            "opensuse-tumbleweed, 20240607, opensuse-tumbleweed:rolling",
            "photon, 5.0, photon:5.0",
            "mariner, 2.0, mariner:2.0",
            "azurelinux, 3.0, azurelinux:3.0",
            "wolfi, 20230201, wolfi:rolling",
            "chainguard, 20230214, chainguard:rolling",
            "vyos, 1.4-rolling-202307070317, vyos:1.4-rolling-202307070317",
            "arch, -, arch",
            "-, -, ''",
    })
    void namespace(String id, String version, String namespace) {
        assertThat(Ecosystems.namespaceOf(of(id, version))).isEqualTo(namespace);
    }

    @Test
    void debianWithoutAVersionIsKeyedByItsCodenamesNumber() {
        assertThat(Ecosystems.namespaceOf(new Distro("debian", "", "trixie", "", "", List.of()))).isEqualTo("debian:13");
        assertThat(Ecosystems.namespaceOf(new Distro("debian", "", "sid", "", "", List.of()))).isEqualTo("debian:unstable");
        assertThat(Ecosystems.namespaceOf(new Distro("debian", "", "someday", "", "", List.of()))).isEqualTo("debian:someday");
        assertThat(Ecosystems.namespaceOf(new Distro("debian", "", "", "", "", List.of()))).isEqualTo("debian");
    }

    @Test
    void alpineEdgeIsAlsoRecognisedByItsName() {
        assertThat(Ecosystems.namespaceOf(new Distro("alpine", "3.21.0", "", "Alpine Linux edge", "", List.of())))
                .isEqualTo("alpine:edge");
    }

    @Test
    void withoutAnIdTheFirstKnownIdLikeStandsIn() {
        assertThat(Ecosystems.namespaceOf(new Distro("", "8", "", "", "", List.of("mystery", "debian")))).isEqualTo("debian:8");
        assertThat(Ecosystems.namespaceOf(new Distro("", "8", "", "", "", List.of("mystery")))).isEmpty();
    }

    @Test
    void anUnknownIdKeepsItsOwnName() {
        assertThat(Ecosystems.namespaceOf(new Distro("my-awesome-distro", "8", "", "", "", List.of("debian"))))
                .isEqualTo("my-awesome-distro:8");
    }

    @Test
    void aDistroNamedInUpperCaseWithNothingElseIsItsFamily() {
        Distro d = new Distro("RHEL", null, null, null, null, null);
        assertThat(Ecosystems.namespaceOf(d)).isEqualTo("rhel");
    }

    @Test
    void purlQualifierGivesDebiansMajorReleaseAndOthersAsWritten() {
        // moved from model's DistroTest with the rule
        assertThat(Ecosystems.purlQualifier(new Distro("debian", "12.5", "", "", "", List.of()))).isEqualTo("debian-12");
        assertThat(Ecosystems.purlQualifier(new Distro("alpine", "3.19.1", "", "", "", List.of())))
                .isEqualTo("alpine-3.19.1");
        assertThat(Ecosystems.purlQualifier(new Distro("arch", "", "", "", "", List.of()))).isEqualTo("arch");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {
            "rhel, redhat", "ol, oracle", "amzn, amazon", "sles, suse", "sled, suse", "sle-micro, suse",
            "opensuse-leap, opensuse", "opensuse-tumbleweed, opensuse", "opensuse, opensuse", "centos, centos",
            "fedora, fedora", "'', ''"})
    void purlNamespaceIsEachDistributionsOwnRule(String id, String namespace) {
        // the rule RpmCataloger.namespace kept as a switch before the families said it
        assertThat(Ecosystems.purlNamespaceOf(id)).isEqualTo(namespace);
    }
}
