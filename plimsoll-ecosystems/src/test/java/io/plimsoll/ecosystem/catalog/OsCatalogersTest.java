package io.plimsoll.ecosystem.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.LayerWalker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registered catalogers over whole images, through one walk each. */
class OsCatalogersTest {

    @TempDir
    Path tmp;

    static Inventory inventory(Path layout) throws Exception {
        try (ImageSource s = ImageSources.open(ImageReferences.parse("oci:" + layout), ImageOptions.DEFAULT)) {
            return new CatalogEngine(Ecosystems.distroProbe(), Ecosystems.catalogers()).run(s, LayerWalker.defaults());
        }
    }

    static Package named(Inventory inv, String name) {
        return inv.packages().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    static String paragraph(String name, String version, String source) {
        return "Package: " + name + "\nStatus: install ok installed\nPriority: optional\nArchitecture: amd64\n"
                + (source == null ? "" : "Source: " + source + "\n") + "Version: " + version
                + "\nDescription: test package\n multi-line description\n .\n more\n\n";
    }

    static final String DEBIAN_12 = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
            + "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n";

    @Test
    void dpkgPackagesWithProvenanceSourceAndFiles() throws Exception {
        String v1 = paragraph("libc6", "2.36-9+deb12u4", "glibc") + paragraph("bash", "5.2.15-2+b2", "bash (5.2.15-2)")
                + paragraph("tzdata", "2024a-0+deb12u1", null);
        String v2 = paragraph("libc6", "2.36-9+deb12u7", "glibc") + paragraph("bash", "5.2.15-2+b2", "bash (5.2.15-2)")
                + paragraph("tzdata", "2024a-0+deb12u1", null) + paragraph("curl", "7.88.1-10+deb12u5", null);
        Path layout = TestImage.create()
                .layer(TestLayer.create().file("usr/lib/os-release", DEBIAN_12).symlink("etc/os-release", "../usr/lib/os-release")
                        .file("etc/debian_version", "12.5\n").file("var/lib/dpkg/status", v1)
                        .file("var/lib/dpkg/info/bash.list", "/.\n/bin\n/bin/bash\n")
                        .file("var/lib/dpkg/info/libc6:amd64.list", "/lib/x86_64-linux-gnu/libc.so.6\n"), Compressor.GZIP,
                        "/bin/sh -c #(nop) ADD file:debian in / ")
                .layer(TestLayer.create().file("var/lib/dpkg/status", v2), Compressor.GZIP,
                        "/bin/sh -c apt-get update && apt-get install -y curl && apt-get upgrade -y")
                .writeOciLayout(tmp.resolve("deb"), null);
        Inventory inv = inventory(layout);
        assertThat(inv.distro()).hasValueSatisfying(d -> assertThat(Ecosystems.namespaceOf(d)).isEqualTo("debian:12"));
        assertThat(inv.packages()).extracting(Package::name).containsExactly("bash", "curl", "libc6", "tzdata");
        Package bash = named(inv, "bash");
        assertThat(bash.sourceName()).isEqualTo("bash");
        assertThat(bash.sourceVersion()).isEqualTo("5.2.15-2");
        assertThat(bash.provenance().layer()).isZero();
        assertThat(bash.files()).contains("/bin/bash");
        assertThat(bash.purl()).isEqualTo("pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12&upstream=bash%405.2.15-2");
        Package libc = named(inv, "libc6");
        assertThat(libc.version()).isEqualTo("2.36-9+deb12u7");
        assertThat(libc.sourceName()).isEqualTo("glibc");
        assertThat(libc.provenance().layer()).isEqualTo(1);
        assertThat(libc.provenance().createdBy()).hasValueSatisfying(s -> assertThat(s).startsWith("RUN apt-get update"));
        assertThat(libc.files()).containsExactly("/lib/x86_64-linux-gnu/libc.so.6");
        assertThat(named(inv, "curl").provenance().layer()).isEqualTo(1);
        assertThat(named(inv, "tzdata").provenance().layer()).isZero();
    }

    @Test
    void syftDpkgImageFixture() throws Exception {
        Path root = SharedCorpus.require("corpus/syft/syft/pkg/cataloger/debian/testdata/image-dpkg");
        Inventory inv = inventory(TestImage.create().layer(TestLayer.fromDirectory(root), Compressor.GZIP)
                .writeOciLayout(tmp.resolve("syft-dpkg"), null));
        Package pam = named(inv, "libpam-runtime");
        assertThat(pam.sourceName()).isEqualTo("pam");
        // no .list in this fixture: md5sums and conffiles together (syft's fixture borrows zlib's md5sums)
        assertThat(pam.files()).containsExactly("/etc/pam.conf", "/etc/pam.d/other", "/lib/x86_64-linux-gnu/libz.so.1.2.11",
                "/usr/share/doc/zlib1g/changelog.Debian.gz", "/usr/share/doc/zlib1g/changelog.gz",
                "/usr/share/doc/zlib1g/copyright");
        assertThat(pam.purl()).startsWith("pkg:deb/debian/libpam-runtime@");
    }

    @Test
    void distrolessDebianHasNoOsReleaseButStatusD() throws Exception {
        Path root = SharedCorpus.require("corpus/syft/syft/pkg/cataloger/debian/testdata/image-distroless-deb");
        Inventory inv = inventory(TestImage.create()
                .layer(TestLayer.fromDirectory(root).file("etc/debian_version", "12.7\n"), Compressor.GZIP)
                .writeOciLayout(tmp.resolve("distroless"), null));
        assertThat(inv.distro()).hasValueSatisfying(d -> assertThat(d.id()).isEqualTo("debian"));
        Package sqlite = named(inv, "libsqlite3-0");
        assertThat(sqlite.location()).isEqualTo("/var/lib/dpkg/status.d/libsqlite3-0");
        assertThat(sqlite.files()).isNotEmpty();
        assertThat(inv.packages()).extracting(Package::name).doesNotContain("libsqlite3-0.md5sums");
    }

    @Test
    void alpinePackagesFromSyftsDatabase() throws Exception {
        byte[] db = Files.readAllBytes(SharedCorpus.require("corpus/syft/syft/pkg/cataloger/alpine/testdata/multiple-1/lib/apk/db/installed"));
        Path layout = TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\n")
                        .file("etc/alpine-release", "3.19.1\n").file("lib/apk/db/installed", db, 0644), Compressor.ZSTD)
                .writeOciLayout(tmp.resolve("alpine"), null);
        Inventory inv = inventory(layout);
        assertThat(inv.distro()).hasValueSatisfying(d -> assertThat(Ecosystems.namespaceOf(d)).isEqualTo("alpine:3.19"));
        assertThat(inv.packages()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.type()).isEqualTo("apk");
            assertThat(p.purl()).startsWith("pkg:apk/alpine/" + p.name() + "@").contains("distro=alpine-3.19.1");
        });
    }

    @Test
    void corruptFinalDatabaseIsAWarningNamingTheFileAndTheOthersStillRun() throws Exception {
        // README: "A damaged database, lockfile or archive is a warning naming the file, and the scan goes on"
        byte[] junk = new byte[8192];
        Arrays.fill(junk, (byte) 0x5a);
        System.arraycopy("SQLite format 3\0".getBytes(), 0, junk, 0, 16);
        Path layout = TestImage.create().layer(TestLayer.create().file("var/lib/rpm/rpmdb.sqlite", junk, 0644)
                        .file("app/node_modules/left-pad/package.json", "{\"name\":\"left-pad\",\"version\":\"1.3.0\"}"),
                        Compressor.GZIP)
                .writeOciLayout(tmp.resolve("rpm"), null);
        Inventory inv = inventory(layout);
        assertThat(inv.warnings()).anySatisfy(w -> assertThat(w).startsWith("/var/lib/rpm/rpmdb.sqlite: ")
                .endsWith("(damaged rpm database: its packages are not listed)"));
        assertThat(inv.packages()).extracting(p -> p.type() + ":" + p.name()).containsExactly("npm:left-pad");
    }

    @Test
    void anImageWithoutPackagesIsEmptyNotAnError() throws Exception {
        Path layout = TestImage.create().layer(TestLayer.create().file("app", "x"), Compressor.GZIP)
                .writeOciLayout(tmp.resolve("scratch"), null);
        Inventory inv = inventory(layout);
        assertThat(inv.packages()).isEmpty();
        assertThat(inv.distro()).isEmpty();
    }
}
