package io.plimsoll.ecosystem.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.rpm.repodata.ErrataImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The yum repository of each installed rpm, read from yumdb's {@code from_repo} files beside the rpmdb. */
class YumDbTest {

    @TempDir
    Path tmp;

    static final String AL2 = "NAME=\"Amazon Linux\"\nVERSION=\"2\"\nID=\"amzn\"\nVERSION_ID=\"2\"\n";

    @Test
    void eachPackageCarriesTheRepositoryYumInstalledItFrom() throws Exception {
        Inventory inv = ErrataImages.withOsRelease(AL2)
                .rpm("docker", null, "20.10.25", "1.amzn2.0.3", null)
                .rpm("bash", null, "4.2.46", "34.amzn2", null)
                .rpm("curl", null, "8.3.0", "1.amzn2.0.4", null)
                .fromRepo("docker", "20.10.25", "1.amzn2.0.3", "amzn2extra-docker\n")
                .fromRepo("bash", "4.2.46", "34.amzn2", "amzn2-core")
                .fromRepo("curl", "8.3.0", "1.amzn2.0.3", "amzn2-core")   // an older build's entry, left behind
                .inventory(tmp.resolve("root"));
        assertThat(inv.packages()).filteredOn(p -> p.name().equals("docker")).singleElement().satisfies(p -> {
            assertThat(p.metadata()).containsEntry(RpmCataloger.REPOSITORY, "amzn2extra-docker");
            assertThat(p.purl()).isEqualTo("pkg:rpm/amazon/docker@20.10.25-1.amzn2.0.3?arch=x86_64&distro=amzn-2"
                    + "&repository_id=amzn2extra-docker&upstream=docker-20.10.25-1.amzn2.0.3.src.rpm");
        });
        assertThat(repository(inv, "bash")).isEqualTo("amzn2-core");
        assertThat(repository(inv, "curl")).isNull();
        assertThat(inv.warnings()).isEmpty();
    }

    @Test
    void entriesThatAreTooLargeBadlyNamedOrNoRepositoryIdAreLeftOut() throws Exception {
        String dir = "var/lib/yum/yumdb/";
        Inventory inv = ErrataImages.withOsRelease(AL2)
                .rpm("docker", null, "20.10.25", "1.amzn2.0.3", null)
                .rpm("bash", null, "4.2.46", "34.amzn2", null)
                .rpm("zlib", null, "1.2.7", "19.amzn2", null)
                .fromRepo("docker", "20.10.25", "1.amzn2.0.3", "amzn2extra-docker" + " ".repeat(5000))
                .fromRepo("bash", "4.2.46", "34.amzn2", "amzn2-core\nand more words")
                .file(dir + "z/zlib-1.2.7-19.amzn2-x86_64", bytes("not a directory"))
                .file(dir + "z/-zlib-1.2.7-19.amzn2-x86_64/from_repo", bytes("amzn2-core"))     // no pkgid
                .file(dir + "from_repo", bytes("amzn2-core"))
                .file(dir + "z/a/b/from_repo", bytes("amzn2-core"))
                .inventory(tmp.resolve("root"));
        assertThat(inv.packages()).extracting(Package::name).containsExactly("bash", "docker", "zlib");
        assertThat(inv.packages()).allSatisfy(p -> {
            assertThat(p.metadata()).doesNotContainKey(RpmCataloger.REPOSITORY);
            assertThat(p.purl()).doesNotContain("repository_id");
        });
        assertThat(inv.warnings()).isEmpty();
    }

    @Test
    void onlyEntriesOneLetterAndOnePackageBelowTheRootAreWanted() {
        assertThat(YumDb.isFromRepo("/var/lib/yum/yumdb/d/0a1b-docker-20.10.25-1.amzn2.0.3-x86_64/from_repo"))
                .isTrue();
        assertThat(YumDb.isFromRepo("/var/lib/yum/yumdb/d/0a1b-docker-20.10.25-1.amzn2.0.3-x86_64/reason"))
                .isFalse();
        assertThat(YumDb.isFromRepo("/var/lib/yum/yumdb/d/nodash/from_repo")).isFalse();
        assertThat(YumDb.isFromRepo("/var/lib/yum/yumdb/d/x/y/from_repo")).isFalse();
        assertThat(YumDb.isFromRepo("/opt/var/lib/yum/yumdb/d/0a-b-1-1-x/from_repo")).isFalse();
    }

    private static String repository(Inventory inv, String name) {
        return inv.packages().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().metadata()
                .get(RpmCataloger.REPOSITORY);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
