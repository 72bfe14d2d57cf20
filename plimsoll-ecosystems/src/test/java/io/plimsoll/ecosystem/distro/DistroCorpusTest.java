package io.plimsoll.ecosystem.distro;

import io.plimsoll.ecosystem.Ecosystems;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.ecosystem.testing.FileTreeFixture;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.ecosystem.testing.Txtar;
import io.plimsoll.model.Distro;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every release-file sample in the shared corpus (claircore's and syft's test data), read in place: the
 * expectations their own projects' tests hold, and a sanity check over all of them.
 */
class DistroCorpusTest {

    private static final String SYFT = "corpus/syft/syft/linux/testdata/";
    private static final String CLAIRCORE = "corpus/claircore/";

    private static Optional<Distro> detectIn(Path root) {
        return DistroDetector.detect(FileTreeFixture.files(root), FileTreeFixture.exists(root));
    }

    private static Optional<Distro> fromOsReleaseFile(Path file) throws IOException {
        return ReleaseFiles.fromOsRelease(OsRelease.parse(Files.readAllBytes(file)));
    }

    /**
     * syft's identify-release expectations (anchore/syft syft/linux/identify_release_test.go at the corpus
     * commit): id, VERSION_ID, codename, pretty name, CPE, ID_LIKE and our namespace. Where we knowingly differ
     * the row says so.
     */
    @Test
    void matchesSyftIdentifyRelease() {
        record Row(String fixture, String id, String version, String codename, String pretty, String cpe,
                   List<String> like, String namespace) { }
        List<Row> rows = List.of(
                new Row("os/alpine", "alpine", "3.11.6", "", "Alpine Linux v3.11", "", List.of(), "alpine:3.11"),
                new Row("os/amazon", "amzn", "2", "", "Amazon Linux 2", "cpe:2.3:o:amazon:amazon_linux:2",
                        List.of("centos", "rhel", "fedora"), "amzn:2"),
                new Row("os/busybox", "busybox", "1.31.1", "", "BusyBox v1.31.1", "", List.of(), "busybox:1.31.1"),
                new Row("os/centos", "centos", "8", "", "CentOS Linux 8 (Core)", "cpe:/o:centos:centos:8",
                        List.of("rhel", "fedora"), "centos:8"),
                // syft leaves the codename empty; VERSION="8 (jessie)" names it.
                new Row("os/debian/from-os-release", "debian", "8", "jessie", "Debian GNU/Linux 8 (jessie)", "",
                        List.of(), "debian:8"),
                new Row("os/debian/from-debian_version", "debian", "10.8", "", "Distroless", "", List.of(),
                        "debian:10"),
                new Row("os/debian/with-point-release", "debian", "13.5", "trixie", "Debian GNU/Linux 13 (trixie)",
                        "", List.of(), "debian:13"),
                new Row("os/fedora", "fedora", "36", "", "Fedora Linux 36 (Container Image)",
                        "cpe:/o:fedoraproject:fedora:36", List.of(), "fedora:36"),
                new Row("os/redhat/from-os-release", "rhel", "7.3", "", "Red Hat Enterprise Linux Server 7.3 (Maipo)",
                        "cpe:/o:redhat:enterprise_linux:7.3:GA:server", List.of("fedora"), "rhel:7"),
                // syft's ID_LIKE for release-file finds is [id, "rhel"]; ours lists only what it derives from.
                new Row("os/redhat/from-redhat-release", "rhel", "8.10", "",
                        "Red Hat Enterprise Linux release 8.10 (Ootpa)", "", List.of(), "rhel:8"),
                new Row("os/ubuntu", "ubuntu", "20.04", "focal", "Ubuntu 20.04 LTS", "", List.of("debian"),
                        "ubuntu:20.04"),
                new Row("os/oraclelinux", "ol", "8.3", "", "Oracle Linux Server 8.3", "cpe:/o:oracle:linux:8:3:server",
                        List.of("fedora"), "ol:8"),
                new Row("os/custom", "scientific", "8", "", "CentOS Linux 8 (Core)", "cpe:/o:centos:centos:8",
                        List.of("rhel", "fedora"), "scientific:8"),
                new Row("os/opensuse-leap", "opensuse-leap", "15.2", "", "openSUSE Leap 15.2",
                        "cpe:/o:opensuse:leap:15.2", List.of("suse", "opensuse"), "opensuse-leap:15.2"),
                new Row("os/sles", "sles", "15.2", "", "SUSE Linux Enterprise Server 15 SP2", "cpe:/o:suse:sles:15:sp2",
                        List.of("suse"), "sles:15.2"),
                new Row("os/photon", "photon", "2.0", "", "VMware Photon OS/Linux", "", List.of(), "photon:2.0"),
                new Row("os/arch", "arch", "", "", "Arch Linux", "", List.of(), "arch"),
                // syft keeps PRETTY_NAME empty when absent; we fall back to NAME.
                new Row("partial-fields/missing-id", "", "8", "", "Debian GNU/Linux", "", List.of("debian"), "debian:8"),
                new Row("partial-fields/unknown-id", "my-awesome-distro", "8", "", "Debian GNU/Linux", "",
                        List.of("debian"), "my-awesome-distro:8"),
                new Row("partial-fields/missing-version", "", "", "", "Debian GNU/Linux", "", List.of("debian"),
                        "debian"),
                // syft makes up a pretty name ("centos") from the CPE; we leave it empty.
                new Row("os/centos6", "centos", "6", "", "", "cpe:/o:centos:linux:6:GA", List.of("rhel"), "centos:6"),
                new Row("os/centos5", "centos", "5.7", "", "CentOS release 5.7 (Final)", "", List.of("rhel"),
                        "centos:5"),
                new Row("os/mariner", "mariner", "1.0", "", "CBL-Mariner/Linux", "", List.of(), "mariner:1.0"),
                new Row("os/rockylinux/from-os-release", "rocky", "8.4", "", "Rocky Linux 8.4 (Green Obsidian)",
                        "cpe:/o:rocky:rocky:8.4:GA", List.of("rhel", "fedora"), "rocky:8"),
                new Row("os/rockylinux/from-redhat-release", "rocky", "8.10", "",
                        "Rocky Linux release 8.10 (Green Obsidian)", "", List.of("rhel"), "rocky:8"),
                new Row("os/almalinux/from-os-release", "almalinux", "8.4", "", "AlmaLinux 8.4 (Electric Cheetah)",
                        "cpe:/o:almalinux:almalinux:8.4:GA", List.of("rhel", "centos", "fedora"), "almalinux:8"),
                new Row("os/almalinux/from-redhat-release", "almalinux", "8.10", "",
                        "AlmaLinux release 8.10 (Cerulean Leopard)", "", List.of("rhel"), "almalinux:8"),
                new Row("os/scientific/from-os-release", "scientific", "7.5", "", "Scientific Linux 7.5 (Nitrogen)",
                        "cpe:/o:scientificlinux:scientificlinux:7.5:GA", List.of("rhel", "centos", "fedora"),
                        "scientific:7"),
                new Row("os/scientific/from-redhat-release", "scientific", "7.9", "",
                        "Scientific Linux release 7.9 (Nitrogen)", "", List.of("rhel"), "scientific:7"),
                new Row("os/wolfi", "wolfi", "20220914", "", "Wolfi", "", List.of(), "wolfi:rolling"));
        for (Row r : rows) {
            Optional<Distro> d = detectIn(SharedCorpus.require(SYFT + r.fixture()));
            assertThat(d).as(r.fixture()).contains(
                    new Distro(r.id(), r.version(), r.codename(), r.pretty(), r.cpe(), r.like()));
            assertThat(Ecosystems.namespaceOf(d.get())).as(r.fixture()).isEqualTo(r.namespace());
        }
        assertThat(detectIn(SharedCorpus.require(SYFT + "os/empty"))).as("os/empty").isEmpty();
    }

    /** syft's standalone os-release files, including one with CRLF line ends ("unprintable"). */
    @Test
    void matchesSyftParseOsRelease() throws IOException {
        Distro ubuntu = new Distro("ubuntu", "20.04", "focal", "Ubuntu 20.04 LTS", "", List.of("debian"));
        Distro jessie = new Distro("debian", "8", "jessie", "Debian GNU/Linux 8 (jessie)", "", List.of());
        assertThat(fromOsReleaseFile(SharedCorpus.require(SYFT + "ubuntu-20.04"))).contains(ubuntu);
        assertThat(fromOsReleaseFile(SharedCorpus.require(SYFT + "debian-8"))).contains(jessie);
        assertThat(fromOsReleaseFile(SharedCorpus.require(SYFT + "unprintable"))).contains(jessie);
        assertThat(fromOsReleaseFile(SharedCorpus.require(SYFT + "centos-8"))).contains(new Distro("centos", "8", "",
                "CentOS Linux 8 (Core)", "cpe:/o:centos:centos:8", List.of("rhel", "fedora")));
        assertThat(fromOsReleaseFile(SharedCorpus.require(SYFT + "rhel-8"))).contains(new Distro("rhel", "8.1", "",
                "Red Hat Enterprise Linux 8.1 (Ootpa)", "cpe:/o:redhat:enterprise_linux:8.1:GA", List.of("fedora")));
    }

    @Test
    void matchesSyftBadReleaseFiles() throws IOException {
        assertThat(ReleaseFiles.fromCpe(Files.readAllBytes(SharedCorpus.require(SYFT + "bad-system-release-cpe"))))
                .isEmpty();
        // syft rejects "CentOS release 5 (Final)" because its pattern wants a dotted version; CentOS 5.0 really
        // wrote that line, so it is read as CentOS 5 here.
        assertThat(ReleaseFiles.fromReleaseText(Files.readAllBytes(SharedCorpus.require(SYFT + "bad-redhat-release"))))
                .get().extracting(Distro::id, Distro::versionId, Ecosystems::namespaceOf)
                .containsExactly("centos", "5", "centos:5");
    }

    /**
     * claircore's osrelease cases: the "Distribution" each txtar expects. Compared field by field; claircore
     * replaces PRETTY_NAME with REDHAT_BUGZILLA_PRODUCT where a file has one, which we do not, and it derives no
     * codename from VERSION, which we do for Debian.
     */
    @Test
    void matchesClaircoreDistributions() throws IOException {
        Path dir = SharedCorpus.require(CLAIRCORE + "osrelease/testdata");
        ObjectMapper json = new ObjectMapper();
        List<Path> cases;
        try (Stream<Path> s = Files.list(dir)) {
            cases = s.filter(p -> p.toString().endsWith(".txtar")).sorted().toList();
        }
        for (Path c : cases) {
            Map<String, String> members = Txtar.read(c);
            Map<String, String> input = OsRelease.parse(members.get("os-release").getBytes(StandardCharsets.UTF_8));
            Map<String, String> want = json.readValue(members.get("Distribution"), new TypeReference<>() { });
            Distro got = DistroDetector.detect(FileTreeFixture.files(Map.of("/etc/os-release",
                    members.get("os-release"))), p -> false).orElseThrow();
            String name = c.getFileName().toString();
            assertThat(got.id()).as(name).isEqualTo(want.getOrDefault("did", ""));
            assertThat(got.versionId()).as(name).isEqualTo(want.getOrDefault("version_id", ""));
            assertThat(got.cpe()).as(name).isEqualTo(want.getOrDefault("cpe", ""));
            if (want.containsKey("version_code_name")) {
                assertThat(got.codename()).as(name).isEqualTo(want.get("version_code_name"));
            }
            if (!input.containsKey("REDHAT_BUGZILLA_PRODUCT")) {
                assertThat(got.prettyName()).as(name).isEqualTo(want.getOrDefault("pretty_name", ""));
            }
        }
        assertThat(cases).hasSize(11);
    }

    /** claircore's Debian scanner test: each dist/N and distroless_dist/N directory is Debian N. */
    @Test
    void matchesClaircoreDebianDists() throws IOException {
        int n = 0;
        for (String group : List.of("dist", "distroless_dist")) {
            for (Path dir : subdirectories(SharedCorpus.require(CLAIRCORE + "debian/testdata/" + group))) {
                String version = dir.getFileName().toString();
                Distro d = detectIn(dir).orElseThrow();
                assertThat(d.id()).as(dir.toString()).isEqualTo("debian");
                assertThat(d.versionId()).as(dir.toString()).isEqualTo(version);
                assertThat(Ecosystems.namespaceOf(d)).as(dir.toString()).isEqualTo("debian:" + version);
                assertThat(d.codename()).as(dir.toString()).isNotEmpty();
                n++;
            }
        }
        assertThat(n).isEqualTo(9);
    }

    /** claircore's Ubuntu scanner test: version and codename per release; its "11" is a Debian image. */
    @Test
    void matchesClaircoreUbuntuDists() throws IOException {
        Map<String, String> codenames = Map.ofEntries(Map.entry("10.04", "lucid"), Map.entry("12.04", "precise"),
                Map.entry("12.10", "quantal"), Map.entry("13.04", "raring"), Map.entry("13.10", "saucy"),
                Map.entry("14.04", "trusty"), Map.entry("14.10", "utopic"), Map.entry("15.04", "vivid"),
                Map.entry("15.10", "wily"), Map.entry("16.04", "xenial"), Map.entry("16.10", "yakkety"),
                Map.entry("17.04", "zesty"), Map.entry("17.10", "artful"), Map.entry("18.04", "bionic"),
                Map.entry("18.10", "cosmic"), Map.entry("19.04", "disco"), Map.entry("19.10", "eoan"),
                Map.entry("20.04", "focal"), Map.entry("20.10", "groovy"), Map.entry("21.04", "hirsute"),
                Map.entry("21.10", "impish"), Map.entry("22.04", "jammy"), Map.entry("22.10", "kinetic"),
                Map.entry("23.04", "lunar"), Map.entry("23.10", "mantic"));
        List<Path> dirs = subdirectories(SharedCorpus.require(CLAIRCORE + "ubuntu/testdata/dist"));
        for (Path dir : dirs) {
            String name = dir.getFileName().toString();
            Distro d = detectIn(dir).orElseThrow();
            if (name.equals("11")) {
                assertThat(Ecosystems.namespaceOf(d)).isEqualTo("debian:11");
                continue;
            }
            assertThat(d.id()).as(name).isEqualTo("ubuntu");
            assertThat(d.versionId()).as(name).isEqualTo(name);
            assertThat(d.codename()).as(name).isEqualTo(codenames.get(name));
            assertThat(Ecosystems.namespaceOf(d)).as(name).isEqualTo("ubuntu:" + name);
        }
        assertThat(dirs).hasSize(codenames.size() + 1);
    }

    /** claircore's Alpine scanner test: each directory's "want" file holds the expected distribution. */
    @Test
    void matchesClaircoreAlpineWants() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Path> dirs = subdirectories(SharedCorpus.require(CLAIRCORE + "alpine/testdata")).stream()
                .filter(d -> Files.exists(d.resolve("want"))).toList();
        for (Path dir : dirs) {
            List<Map<String, String>> want = json.readValue(dir.resolve("want").toFile(), new TypeReference<>() { });
            Distro d = detectIn(dir).orElseThrow();
            assertThat(d.id()).as(dir.toString()).isEqualTo(want.get(0).get("did"));
            assertThat(d.prettyName()).as(dir.toString()).isEqualTo(want.get(0).get("pretty_name"));
            assertThat(Ecosystems.namespaceOf(d)).as(dir.toString()).isEqualTo("alpine:" + want.get(0).get("version"));
        }
        assertThat(dirs).hasSize(17);
    }

    /**
     * claircore's RHEL scanner test: releases 7, 8, 9 and Atomic Host 7 are RHEL of that major; Oracle Linux,
     * whose redhat-release names RHEL, must not be; Hummingbird is its own distribution.
     */
    @Test
    void matchesClaircoreRhelReleaseFiles() throws IOException {
        List<Path> dirs = subdirectories(SharedCorpus.require(CLAIRCORE + "rhel/testdata/releasefiles"));
        for (Path dir : dirs) {
            String name = dir.getFileName().toString();
            Distro d = detectIn(dir).orElseThrow();
            if (name.startsWith("oracle-")) {
                assertThat(d.id()).as(name).isEqualTo("ol");
                assertThat(Ecosystems.namespaceOf(d)).as(name).isEqualTo("ol:" + name.substring("oracle-".length()));
            } else if (name.equals("hummingbird")) {
                assertThat(d.id()).isEqualTo("hummingbird");
                assertThat(d.versionId()).isEqualTo("20251124");
                assertThat(d.idLike()).containsExactly("fedora", "rhel");
            } else {
                assertThat(d.id()).as(name).isEqualTo("rhel");
                assertThat(Ecosystems.namespaceOf(d)).as(name).isEqualTo("rhel:" + name.replace("atomichost-", ""));
            }
        }
        assertThat(dirs).hasSize(9);
    }

    private static final Set<String> RELEASE_FILES = Set.of("os-release", "lsb-release", "alpine-release",
            "debian_version", "oracle-release", "centos-release", "redhat-release", "system-release",
            "system-release-cpe");

    private static final Map<String, Pattern> NAMESPACES = Map.ofEntries(
            Map.entry("debian", Pattern.compile("debian:\\d+")),
            Map.entry("ubuntu", Pattern.compile("ubuntu:\\d\\d\\.\\d\\d")),
            Map.entry("alpine", Pattern.compile("alpine:(\\d+\\.\\d+|edge)")),
            Map.entry("rhel", Pattern.compile("rhel:\\d+")),
            Map.entry("centos", Pattern.compile("centos:\\d+")),
            Map.entry("rocky", Pattern.compile("rocky:\\d+")),
            Map.entry("almalinux", Pattern.compile("almalinux:\\d+")),
            Map.entry("ol", Pattern.compile("ol:\\d+")),
            Map.entry("scientific", Pattern.compile("scientific:\\d+")),
            Map.entry("fedora", Pattern.compile("fedora:\\d+")),
            Map.entry("amzn", Pattern.compile("amzn:\\d+(\\.\\d+)?")),
            Map.entry("sles", Pattern.compile("sles:\\d+(\\.\\d+)?")),
            Map.entry("opensuse-leap", Pattern.compile("opensuse-leap:\\d+\\.\\d+")),
            Map.entry("photon", Pattern.compile("photon:\\d+\\.\\d+")),
            Map.entry("mariner", Pattern.compile("mariner:\\d+\\.\\d+")),
            Map.entry("wolfi", Pattern.compile("wolfi:rolling")));

    /**
     * Every directory in the corpus laid out as a root filesystem with release files, and every bare os-release
     * sample: each must give a distribution whose id, version and namespace hang together.
     */
    @Test
    void everySampleGivesASensibleDistro() throws IOException {
        Path corpus = SharedCorpus.require("corpus");
        Set<Path> roots = new TreeSet<>();
        List<Path> bare = new ArrayList<>();
        for (String top : List.of("claircore", "syft")) {
            try (Stream<Path> s = Files.walk(corpus.resolve(top))) {
                s.filter(Files::isRegularFile).forEach(p -> {
                    String name = p.getFileName().toString();
                    Path parent = p.getParent();
                    if (RELEASE_FILES.contains(name) && parent.endsWith("etc")) {
                        roots.add(parent.getParent());
                    } else if (name.equals("os-release") && parent.endsWith(Path.of("usr", "lib"))) {
                        roots.add(parent.getParent().getParent());
                    } else if (name.equals("busybox") && parent.endsWith("bin")) {
                        roots.add(parent.getParent());
                    }
                });
            }
        }
        for (String name : List.of("ubuntu-20.04", "debian-8", "centos-8", "rhel-8", "unprintable")) {
            bare.add(SharedCorpus.require(SYFT + name));
        }

        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path root : roots) {
            if (root.endsWith(Path.of("os", "empty"))) {
                continue;
            }
            checked++;
            check(corpus.relativize(root).toString(), detectIn(root), problems);
        }
        for (Path file : bare) {
            checked++;
            check(corpus.relativize(file).toString(), fromOsReleaseFile(file), problems);
        }
        List<Path> txtars;
        try (Stream<Path> s = Files.list(SharedCorpus.require(CLAIRCORE + "osrelease/testdata"))) {
            txtars = s.sorted().toList();
        }
        for (Path txtar : txtars) {
            checked++;
            String text = Txtar.read(txtar).get("os-release");
            check(txtar.getFileName().toString(),
                    ReleaseFiles.fromOsRelease(OsRelease.parse(text.getBytes(StandardCharsets.UTF_8))), problems);
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("samples checked").isGreaterThanOrEqualTo(100);
    }

    private static void check(String where, Optional<Distro> found, List<String> problems) {
        if (found.isEmpty()) {
            problems.add(where + ": nothing detected");
            return;
        }
        Distro d = found.get();
        String ns = Ecosystems.namespaceOf(d);
        if (d.id().isEmpty() && d.idLike().isEmpty()) {
            problems.add(where + ": neither ID nor ID_LIKE");
        }
        if (!d.id().isEmpty() && !d.id().matches("[a-z0-9][a-z0-9._-]*")) {
            problems.add(where + ": odd id " + d.id());
        }
        if (!d.versionId().isEmpty() && !Character.isDigit(d.versionId().charAt(0))) {
            problems.add(where + ": version does not start with a digit: " + d.versionId());
        }
        if (!d.versionId().isEmpty() && !ns.contains(":")) {
            problems.add(where + ": version " + d.versionId() + " but namespace " + ns);
        }
        if (!d.id().isEmpty() && !ns.startsWith(d.id())) {
            problems.add(where + ": namespace " + ns + " is not of " + d.id());
        }
        String release = ns.contains(":") ? ns.substring(ns.indexOf(':') + 1) : "";
        if (!release.isEmpty() && !release.equals("rolling") && !release.equals("edge")
                && !d.versionId().startsWith(release)) {
            problems.add(where + ": namespace release " + release + " is not a prefix of " + d.versionId());
        }
        Pattern expected = NAMESPACES.get(d.id());
        if (expected != null && !expected.matcher(ns).matches()) {
            problems.add(where + ": namespace " + ns + " does not look like " + expected);
        }
    }

    private static List<Path> subdirectories(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("fetch"))
                    .sorted().toList();
        }
    }
}
