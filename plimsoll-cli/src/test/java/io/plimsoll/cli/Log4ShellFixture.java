package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An image with Debian 12 packages and log4j-core 2.14.1 in a jar, and feeds for it: a Debian tracker file and the
 * real GHSA record of Log4Shell ({@code GHSA-jfh8-c2jp-5v3q}, alias {@code CVE-2021-44228}) packed as OSV's Maven
 * {@code all.zip}. The GHSA record comes from the shared test data: tests using this skip when it is absent.
 */
final class Log4ShellFixture {

    static final String GHSA = "GHSA-jfh8-c2jp-5v3q";
    static final String CVE = "CVE-2021-44228";
    static final String PURL = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1";

    private Log4ShellFixture() {
    }

    /** A {@code db update --from} folder with both feeds. */
    static Path feeds(Path tmp) throws IOException {
        Path from = tmp.resolve("feeds");
        Path tracker = from.resolve("debian/tracker/data/json");
        Files.createDirectories(tracker.getParent());
        try (InputStream in = Log4ShellFixture.class.getResourceAsStream("/feeds/debian/tracker-data.json")) {
            Files.copy(in, tracker);
        }
        Path ghsa = SharedCorpus.require(
                "feeds/ghsa/advisories/github-reviewed/2021/12/" + GHSA + "/" + GHSA + ".json");
        Path zip = from.resolve("osv/Maven/all.zip");
        Files.createDirectories(zip.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry(GHSA + ".json"));
            Files.copy(ghsa, out);
            out.closeEntry();
        }
        return from;
    }

    /** The database {@code db update --from} builds from {@link #feeds}. */
    static Path database(Path tmp) throws IOException {
        Path db = tmp.resolve("vuln.db");
        CliTest.Run update = CliTest.run("db", "update", "--db", db.toString(), "--from", feeds(tmp).toString());
        assertThat(update.code()).as(update.err()).isZero();
        return db;
    }

    static byte[] log4jJar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(bytes)) {
            jar.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            jar.write(("Manifest-Version: 1.0\nImplementation-Title: Apache Log4j Core\n"
                    + "Implementation-Version: 2.14.1\n\n").getBytes());
            jar.putNextEntry(new ZipEntry("META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties"));
            jar.write("groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n".getBytes());
            jar.putNextEntry(new ZipEntry("org/apache/logging/log4j/core/lookup/JndiLookup.class"));
            jar.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
        }
        return bytes.toByteArray();
    }

    /** {@code app.tar} in {@code tmp}: the Debian layer, then the jar at /app/lib/log4j-core-2.14.1.jar. */
    static Path image(Path tmp) throws IOException {
        String status = ""
                + "Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\n"
                + "Version: 1:1.2.13.dfsg-1\n\n"
                + "Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\n"
                + "Version: 3.0.11-1~deb12u2\n\n"
                // a binNMU: the binary's version is not the source's; the tracker's fix is compared with the source's
                + "Package: libcurl4\nStatus: install ok installed\nArchitecture: amd64\n"
                + "Source: curl (7.88.1-10+deb12u5)\nVersion: 7.88.1-10+deb12u5+b1\n\n"
                + "Package: tar\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.34+dfsg-1.2+deb12u1\n\n";
        return TestImage.create()
                .layer(TestLayer.create()
                        .file("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n"
                                + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n")
                        .file("var/lib/dpkg/status", status), Compressor.GZIP, "/bin/sh -c #(nop) ADD file:debian in / ")
                .layer(TestLayer.create().file("app/lib/log4j-core-2.14.1.jar", log4jJar(), 0644), Compressor.GZIP,
                        "COPY lib/ /app/lib/ # buildkit")
                .writeDockerArchive(tmp.resolve("app.tar"), "app:1.0");
    }
}
