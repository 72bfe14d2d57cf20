package io.plimsoll.ecosystem.java;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Package;
import io.plimsoll.image.testing.SharedCorpus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** anchore/syft's Java fixtures: jar metadata dirs (zipped here, as syft's Makefile does), manifests, poms, locks. */
class SyftJavaFixturesTest {

    static final String ROOT = "corpus/syft/syft/pkg/cataloger/java/testdata/";

    /** Zips a fixture directory into a jar, in memory. */
    static byte[] zipDir(Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out); Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(p));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static List<JavaArchiveCataloger.Identity> identify(String fixture) throws Exception {
        Path dir = SharedCorpus.require(ROOT + "jar-metadata/" + fixture);
        ArchiveInfo info = JavaArchiveReader.read("/app/" + fixture + ".jar", new ByteArrayInputStream(zipDir(dir)));
        assertThat(info.warnings()).isEmpty();
        return JavaArchiveCataloger.identify(info);
    }

    @Test
    void jarMetadataFixtures() throws Exception {
        assertThat(identify("opensaml-core-3.4.6").get(0))
                .isEqualTo(new JavaArchiveCataloger.Identity("org.opensaml", "opensaml-core", "3.4.6", "pom.properties"));
        // only a pom.xml, whose group comes from <groupId>, not the parent's
        assertThat(identify("jackson-core-2.15.2").get(0))
                .isEqualTo(new JavaArchiveCataloger.Identity("com.fasterxml.jackson.core", "jackson-core", "2.15.2", "pom.properties"));
        assertThat(identify("api-all-2.0.0-sources")).extracting(JavaArchiveCataloger.Identity::artifact)
                .containsExactly("api-all", "api-asn1-api");
        // three poms, none the file name spells: the archive is named from its manifest or file name, the poms bundled
        List<JavaArchiveCataloger.Identity> multiple = identify("multiple-matching-2.11.5");
        assertThat(multiple.get(0).version()).isEqualTo("2.11.5");
        assertThat(multiple).extracting(JavaArchiveCataloger.Identity::artifact)
                .contains("multiple-matching-1", "multiple-matching-2", "multiple-matching-3");
        assertThat(identify("commons-lang3-3.12.0").get(0).version()).isEqualTo("3.12.0");
    }

    @Test
    void manifestsParse() throws Exception {
        Path dir = SharedCorpus.require(ROOT + "manifest");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                assertThat(JarManifest.mainAttributes(Files.readAllBytes(f))).as(f.toString()).isNotEmpty();
            }
        }
        assertThat(JarManifest.mainAttributes(Files.readAllBytes(dir.resolve("continuation"))).values())
                .allSatisfy(v -> assertThat(v).doesNotContain("\n"));
    }

    @Test
    void pomPropertiesVariantsReadAsJavaReadsThem() throws Exception {
        Properties colon = new Properties();
        try (InputStream in = Files.newInputStream(SharedCorpus.require(ROOT + "pom/colon-delimited.pom.properties"))) {
            colon.load(in);
        }
        assertThat(colon.getProperty("groupId")).isEqualTo("org.anchore");
        assertThat(colon.getProperty("artifactId").strip()).isEqualTo("example-java-app-maven");
        assertThat(colon.getProperty("version").strip()).isEqualTo("0.1.0");
    }

    @Test
    void gradleLockfile() throws Exception {
        byte[] lock = Files.readAllBytes(SharedCorpus.require(ROOT + "gradle/gradle.lockfile"));
        List<String> warnings = new ArrayList<>();
        List<Package> ps = new GradleLockfileCataloger().parse("/src/gradle.lockfile", lock, warnings::add);
        assertThat(warnings).isEmpty();
        assertThat(ps).extracting(Package::purl).containsExactly("pkg:maven/joda-time/joda-time@2.2",
                "pkg:maven/junit/junit@4.12", "pkg:maven/org.hamcrest/hamcrest-core@1.3",
                "pkg:maven/org.apache.commons/commons-text@1.8");
        assertThat(ps.get(1).metadata()).containsEntry("dev", "true");
        assertThat(ps.get(0).metadata()).doesNotContainKey("dev");
    }

    @Test
    void corruptJarIsAWarning() throws Exception {
        Path jar = SharedCorpus.require(ROOT + "corrupt/example.jar");
        ArchiveInfo info;
        try (InputStream in = Files.newInputStream(jar)) {
            info = JavaArchiveReader.read("/app/example.jar", in);
        }
        assertThat(info.pomProperties()).isEmpty();
        assertThat(info.manifest()).isEmpty();
    }
}
