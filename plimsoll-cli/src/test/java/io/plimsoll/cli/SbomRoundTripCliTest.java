package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.store.StoreBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SBOMs both ways, end to end through the CLI: {@code sbom --format cyclonedx-json|cyclonedx-xml|spdx-json} of an
 * image with Debian packages and a jar, the documents checked with cyclonedx-core-java's validator and the real
 * SPDX 2.3 schema, then {@code scan sbom:FILE} giving the same findings as {@code scan IMAGE}.
 */
@ExtendWith(IsolatedSettings.class)
class SbomRoundTripCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path database() throws Exception {
        Path db = tmp.resolve("vuln.db");
        try (StoreBuilder b = StoreBuilder.create(db)) {
            FeedSink debian = b.sink("debian");
            TestDatabases.zlibCve(debian);
            // a binNMU: only the source version (from the upstream qualifier / properties) is affected
            debian.advisory(Advisory.of("CVE-2024-2398", "debian"));
            debian.affected(new AffectedPackage("CVE-2024-2398", "debian", "debian:12", "curl", "deb",
                    AffectedStatus.FIXED, List.of(VersionRange.fixedIn("7.88.1-10+deb12u6")), List.of(),
                    Optional.empty(), "medium"));
            b.succeeded("debian", "https://security-tracker.debian.org/", Map.of(), "");
            FeedSink osv = b.sink("osv");
            osv.advisory(Advisory.of("GHSA-jfh8-c2jp-5v3q", "osv"));
            osv.affected(new AffectedPackage("GHSA-jfh8-c2jp-5v3q", "osv", "Maven",
                    "org.apache.logging.log4j:log4j-core", "maven", AffectedStatus.FIXED,
                    List.of(VersionRange.fixedIn("2.15.0")), List.of(), Optional.empty(), "critical"));
            b.succeeded("osv", "https://osv.dev/", Map.of(), "");
            b.commit();
        }
        return db;
    }

    private static byte[] log4jJar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(bytes)) {
            jar.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            jar.write("Manifest-Version: 1.0\nImplementation-Version: 2.14.1\n\n".getBytes(StandardCharsets.UTF_8));
            jar.putNextEntry(new ZipEntry("META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties"));
            jar.write("groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private Path image() throws IOException {
        String status = "Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\n"
                + "Version: 1:1.2.13.dfsg-1\n\n"
                + "Package: libcurl4\nStatus: install ok installed\nArchitecture: amd64\n"
                + "Source: curl (7.88.1-10+deb12u5)\nVersion: 7.88.1-10+deb12u5+b1\n\n"
                + "Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b2\n\n";
        return TestImage.create()
                .layer(TestLayer.create()
                        .file("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n"
                                + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n")
                        .file("var/lib/dpkg/status", status)
                        .file("usr/share/doc/bash/copyright", "Format: https://www.debian.org/doc/packaging-manuals/"
                                + "copyright-format/1.0/\n\nFiles: *\nCopyright: FSF\nLicense: GPL-3+\n")
                        .file("usr/share/doc/zlib1g/copyright", "Format: https://www.debian.org/doc/packaging-manuals/"
                                + "copyright-format/1.0/\n\nFiles: *\nCopyright: Jean-loup Gailly\nLicense: Zlib\n"),
                        Compressor.GZIP, "/bin/sh -c #(nop) ADD file:debian in / ")
                .layer(TestLayer.create().file("app/lib/log4j-core-2.14.1.jar", log4jJar(), 0644), Compressor.GZIP,
                        "COPY lib/ /app/lib/ # buildkit")
                .writeDockerArchive(tmp.resolve("app.tar"), "app:1.0");
    }

    private String sbom(Path img, String format) {
        CliTest.Run r = CliTest.run("sbom", "--format", format, img.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    /** id, package name, version, type, PURL, layer and location of every finding: what must survive the trip. */
    private static TreeSet<String> findings(CliTest.Run scan) throws IOException {
        assertThat(scan.code()).as(scan.err()).isZero();
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode f : JSON.readTree(scan.out()).path("findings")) {
            JsonNode p = f.path("package");
            out.add(f.path("id").asText() + " " + p.path("name").asText() + " " + p.path("version").asText() + " "
                    + p.path("type").asText() + " " + p.path("purl").asText() + " layer " + p.path("layer").asText()
                    + " " + p.path("location").asText() + " " + f.path("match").path("namespace").asText() + " "
                    + f.path("match").path("name").asText() + " " + f.path("match").path("version").asText());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cyclonedx-json", "cyclonedx-xml", "spdx-json"})
    void scanningTheSbomGivesTheImagesFindings(String format) throws Exception {
        Path db = database();
        Path img = image();
        TreeSet<String> fromImage = findings(CliTest.run("scan", "--offline", "--format", "json", "--db",
                db.toString(), img.toString()));
        assertThat(fromImage).hasSize(3);
        assertThat(String.join("\n", fromImage)).contains("CVE-2022-37434 zlib1g", "CVE-2024-2398 libcurl4",
                "GHSA-jfh8-c2jp-5v3q log4j-core 2.14.1 maven");

        Path file = Files.writeString(tmp.resolve("app." + format.replace('-', '.')), sbom(img, format));
        TreeSet<String> fromSbom = findings(CliTest.run("scan", "--offline", "--format", "json", "--db",
                db.toString(), "sbom:" + file));
        assertThat(fromSbom).containsExactlyElementsOf(fromImage);
    }

    @Test
    void foreignCycloneDxMatchesThroughPurlQualifiers() throws Exception {
        // what another tool writes: no plimsoll: properties, the source package and distro only in the PURLs
        Path file = Files.writeString(tmp.resolve("syft.cdx.json"), """
                {"bomFormat":"CycloneDX","specVersion":"1.4","version":1,
                 "metadata":{"component":{"type":"container","name":"app:1.0"}},
                 "components":[
                  {"type":"library","name":"libcurl4","version":"7.88.1-10+deb12u5+b1",
                   "purl":"pkg:deb/debian/libcurl4@7.88.1-10%2Bdeb12u5%2Bb1?arch=amd64&distro=debian-12&upstream=curl%407.88.1-10%2Bdeb12u5"},
                  {"type":"library","name":"log4j-core","version":"2.14.1",
                   "purl":"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"},
                  {"type":"file","name":"/etc/passwd"}]}
                """);
        CliTest.Run scan = CliTest.run("scan", "--offline", "--format", "json", "--db", database().toString(),
                "sbom:" + file);
        TreeSet<String> found = findings(scan);
        assertThat(found).hasSize(2);
        assertThat(String.join("\n", found)).contains("CVE-2024-2398 libcurl4 7.88.1-10+deb12u5+b1 deb",
                "debian:12 curl 7.88.1-10+deb12u5", "GHSA-jfh8-c2jp-5v3q log4j-core 2.14.1 maven");
        JsonNode root = JSON.readTree(scan.out());
        assertThat(root.path("distro").path("namespace").asText()).isEqualTo("debian:12");
        assertThat(root.path("image").path("name").asText()).isEqualTo("sbom:" + file);
    }

    @Test
    void cycloneDxOutputIsValidAndCarriesLayersLicensesAndTheImage() throws Exception {
        Path img = image();
        byte[] json = sbom(img, "cyclonedx-json").getBytes(StandardCharsets.UTF_8);
        byte[] xml = sbom(img, "cyclonedx-xml").getBytes(StandardCharsets.UTF_8);
        assertThat(new JsonParser().validate(json, Version.VERSION_16)).isEmpty();
        assertThat(new XmlParser().validate(xml, Version.VERSION_16)).isEmpty();
        assertThat(JSON.readTree(json).path("specVersion").asText()).isEqualTo("1.6");

        for (Bom bom : List.of(new JsonParser().parse(json), new XmlParser().parse(xml))) {
            Component root = bom.getMetadata().getComponent();
            assertThat(root.getType()).isEqualTo(Component.Type.CONTAINER);
            assertThat(root.getName()).endsWith("app.tar");
            Component os = bom.getComponents().stream()
                    .filter(c -> c.getType() == Component.Type.OPERATING_SYSTEM).findFirst().orElseThrow();
            assertThat(os.getName()).isEqualTo("debian");
            assertThat(os.getVersion()).isEqualTo("12");
            Component zlib = component(bom, "zlib1g");
            assertThat(zlib.getPurl()).startsWith("pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64")
                    .contains("upstream=zlib");
            assertThat(zlib.getLicenses().getLicenses().get(0).getId()).isEqualTo("Zlib");
            assertThat(component(bom, "bash").getLicenses().getLicenses().get(0).getName()).isEqualTo("GPL-3+");
            assertThat(property(zlib, "plimsoll:layer:index")).isEqualTo("0");
            assertThat(property(zlib, "plimsoll:layer:digest")).startsWith("sha256:");
            assertThat(property(zlib, "plimsoll:layer:createdBy")).contains("ADD file:debian");
            assertThat(property(zlib, "plimsoll:location")).isEqualTo("/var/lib/dpkg/status");
            Component log4j = component(bom, "log4j-core");
            assertThat(log4j.getPurl()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
            assertThat(property(log4j, "plimsoll:layer:index")).isEqualTo("1");
            assertThat(property(log4j, "plimsoll:location")).startsWith("/app/lib/log4j-core-2.14.1.jar");
        }
    }

    @Test
    void spdxOutputValidatesAgainstTheRealSchema() throws Exception {
        Path schemaFile = SharedCorpus.require("schemas/spdx-2.3-schema.json");
        JsonSchemas schema = JsonSchemas.of(Files.readString(schemaFile));
        String doc = sbom(image(), "spdx-json");
        assertThat(schema.errors(doc)).isEmpty();
        // the check can fail: a document missing a required field does not validate
        ObjectMapper m = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode broken = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(doc);
        broken.remove("spdxVersion");
        assertThat(schema.errors(m.writeValueAsString(broken))).isNotEmpty();

        JsonNode root = JSON.readTree(doc);
        assertThat(root.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
        List<String> purposes = new ArrayList<>();
        JsonNode zlib = null;
        JsonNode bash = null;
        for (JsonNode p : root.path("packages")) {
            purposes.add(p.path("primaryPackagePurpose").asText());
            zlib = p.path("name").asText().equals("zlib1g") ? p : zlib;
            bash = p.path("name").asText().equals("bash") ? p : bash;
        }
        assertThat(purposes).startsWith("CONTAINER", "OPERATING_SYSTEM");
        assertThat(root.path("documentDescribes").get(0).asText()).isEqualTo("SPDXRef-Image");
        assertThat(zlib.path("licenseDeclared").asText()).isEqualTo("Zlib");
        assertThat(zlib.path("externalRefs").get(0).path("referenceLocator").asText()).startsWith("pkg:deb/debian/zlib1g@");
        assertThat(zlib.path("sourceInfo").asText()).contains("layer 0", "ADD file:debian");
        assertThat(zlib.path("annotations").toString()).contains("plimsoll:layer:index=0",
                "plimsoll:location=/var/lib/dpkg/status");
        String ref = bash.path("licenseDeclared").asText();
        assertThat(ref).startsWith("LicenseRef-");
        assertThat(root.path("hasExtractedLicensingInfos").toString()).contains(ref, "GPL-3+");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not-sbom.json|{\"hello\":\"world\"}|not an SBOM",
        "broken.json|{\"bomFormat\":\"CycloneDX\",|not valid JSON",
        "broken.xml|<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><components>|not well-formed XML",
        "other.xml|<project><name>x</name></project>|XML but not a CycloneDX BOM",
        "old.cdx.json|{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.2\",\"components\":[]}|unsupported CycloneDX version '1.2'",
        "old.spdx.json|{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[]}|unsupported SPDX version 'SPDX-2.2'",
        "empty.json| |empty file"})
    void badInputIsOneClearErrorNamingTheFile(String spec) throws Exception {
        String[] parts = spec.split("\\|", 3);
        Path file = Files.writeString(tmp.resolve(parts[0]), parts[1].trim());
        CliTest.Run r = CliTest.run("scan", "--offline", "--db", database().toString(), "sbom:" + file);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(file.toString(), parts[2]);
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void policyGatesSeeTheSbomsVulnerabilitiesAndSayWhatTheyCannotSee() throws Exception {
        Path file = Files.writeString(tmp.resolve("app.cdx.json"), sbom(image(), "cyclonedx-json"));
        CliTest.Run r = CliTest.run("scan", "--offline", "--format", "json", "--db", database().toString(),
                "--fail-on", "critical", "sbom:" + file);
        assertThat(r.code()).as(r.err()).isEqualTo(1); // log4j's critical finding stops it, as for the image
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.path("policy").path("finalAction").asText()).isEqualTo("STOP");
        assertThat(root.path("notes").toString()).contains("scanned from an SBOM", "see an empty image");
    }

    @Test
    void aMissingSbomFileIsAnInputError() throws Exception {
        Path missing = tmp.resolve("nope.cdx.json");
        CliTest.Run r = CliTest.run("scan", "--offline", "--db", database().toString(), "sbom:" + missing);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(missing.toString(), "no such SBOM file");
    }

    private static Component component(Bom bom, String name) {
        return bom.getComponents().stream().filter(c -> name.equals(c.getName())).findFirst().orElseThrow();
    }

    private static String property(Component c, String name) {
        return c.getProperties().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getValue();
    }
}
