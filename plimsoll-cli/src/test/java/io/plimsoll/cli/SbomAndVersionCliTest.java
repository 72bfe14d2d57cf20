package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomAndVersionCliTest {

    @TempDir
    Path tmp;

    private Path alpine() {
        String db = "C:Q1abc=\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\nS:383152\nI:622592\nT:the musl c library\n"
                + "U:https://musl.libc.org/\nL:MIT\no:musl\nm:Natanael Copa <ncopa@alpinelinux.org>\nt:1700000000\n"
                + "c:abcdef\nF:lib\nR:ld-musl-x86_64.so.1\n\n"
                + "P:busybox\nV:1.36.1-r15\nA:x86_64\nL:GPL-2.0-only\no:busybox\nF:bin\nR:busybox\n\n";
        String db2 = db + "P:ca-certificates-bundle\nV:20240226-r0\nA:x86_64\nL:MPL-2.0 AND MIT\no:ca-certificates\n\n";
        return TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\n")
                        .file("lib/apk/db/installed", db), Compressor.GZIP, "/bin/sh -c #(nop) ADD file:alpine in / ")
                .layer(TestLayer.create().file("lib/apk/db/installed", db2), Compressor.GZIP, "/bin/sh -c apk add ca-certificates-bundle")
                .writeDockerArchive(tmp.resolve("alpine.tar"), "alp:1");
    }

    @Test
    void sbomTableListsPackagesWithTheirLayer() {
        CliTest.Run r = CliTest.run("sbom", alpine().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Distro    alpine 3.19.1", "Packages  3 (3 apk)",
                "ca-certificates-bundle", "ca-certificates", "RUN apk add ca-certificates-bundle", "musl");
    }

    @Test
    void sbomJsonCarriesPurlsLicensesAndLayers() throws Exception {
        CliTest.Run r = CliTest.run("sbom", "--format", "json", "--with-files", alpine().toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("distro").path("id").asText()).isEqualTo("alpine");
        JsonNode musl = json.path("packages").get(2);
        assertThat(musl.path("name").asText()).isEqualTo("musl");
        assertThat(musl.path("purl").asText()).isEqualTo("pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1");
        assertThat(musl.path("licenses").get(0).asText()).isEqualTo("MIT");
        assertThat(musl.path("layer").path("index").asInt()).isZero();
        assertThat(musl.path("files").get(0).asText()).isEqualTo("/lib/ld-musl-x86_64.so.1");
        JsonNode ca = json.path("packages").get(1);
        assertThat(ca.path("layer").path("index").asInt()).isEqualTo(1);
        assertThat(ca.path("source").path("name").asText()).isEqualTo("ca-certificates");
    }

    @Test
    void allLayersScopeAlsoListsPackagesALaterLayerRemoved() {
        String db = "P:musl\nV:1.2.4-r4\nA:x86_64\no:musl\n\nP:curl\nV:8.5.0-r0\nA:x86_64\no:curl\n\n";
        String after = "P:musl\nV:1.2.4-r4\nA:x86_64\no:musl\n\n";
        Path tar = TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n").file("lib/apk/db/installed", db),
                        Compressor.GZIP, "/bin/sh -c #(nop) ADD file:alpine in / ")
                .layer(TestLayer.create().file("lib/apk/db/installed", after), Compressor.GZIP, "/bin/sh -c apk del curl")
                .writeDockerArchive(tmp.resolve("del.tar"), "del:1");
        assertThat(CliTest.run("sbom", tar.toString()).out()).contains("Packages  1 (1 apk)").doesNotContain("curl");
        CliTest.Run all = CliTest.run("sbom", "--scope", "all-layers", tar.toString());
        assertThat(all.out()).contains("Packages  2 (2 apk)", "curl");
        assertThat(CliTest.run("sbom", "--scope", "sideways", tar.toString()).code()).isEqualTo(2);
    }

    @Test
    void versionCompareAnswersLikeTheReferenceTools() {
        assertThat(CliTest.run("version", "compare", "deb", "1:1.0", "2.0").out().strip()).isEqualTo("1");
        assertThat(CliTest.run("version", "compare", "deb", "1.0~rc1", "1.0").out().strip()).isEqualTo("-1");
        assertThat(CliTest.run("version", "compare", "rpm", "1.0-1", "1.0-1").out().strip()).isEqualTo("0");
        assertThat(CliTest.run("version", "compare", "apk", "1.2.3_p1", "1.2.3").out().strip()).isEqualTo("1");
        assertThat(CliTest.run("version", "compare", "maven", "1.0-SNAPSHOT", "1.0.0.Final").out().strip())
                .isEqualTo("-1");
        assertThat(CliTest.run("version", "compare", "semver", "1.0.0-beta.11", "1.0.0-beta.2").out().strip())
                .isEqualTo("1");
        assertThat(CliTest.run("version", "compare", "go", "go1.22rc1", "v1.22.0").out().strip()).isEqualTo("-1");
        CliTest.Run unknown = CliTest.run("version", "compare", "cobol", "1", "2");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown version scheme 'cobol' (known: deb, rpm, apk, maven, semver, go, pep440, gem, nuget, composer)");
    }

    @Test
    void versionCompareReadsPairsFromStdin() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("1.0\t1.1\n2:0\t1:9\n1.0\t1.0\n".getBytes(StandardCharsets.UTF_8)));
            CliTest.Run r = CliTest.run("version", "compare", "deb", "--stdin");
            assertThat(r.code()).isZero();
            assertThat(r.out().lines()).containsExactly("-1", "1", "0");
            System.setIn(new ByteArrayInputStream("no tab here\n".getBytes(StandardCharsets.UTF_8)));
            CliTest.Run bad = CliTest.run("version", "compare", "rpm", "--stdin");
            assertThat(bad.code()).isEqualTo(2);
            assertThat(bad.err()).contains("line 1: expected 'A<TAB>B'");
        } finally {
            System.setIn(saved);
        }
    }
}
