package io.plimsoll.ecosystem.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.binary.BinaryFormatException;
import io.plimsoll.ecosystem.binary.BinaryLimits;
import io.plimsoll.ecosystem.binary.ByteSource;
import io.plimsoll.ecosystem.binary.ElfFile;
import io.plimsoll.ecosystem.binary.ExecutableCataloger;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.catalog.testing.StreamedFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real Go executables of the shared corpus (expectations from its MANIFEST.md, which agree with
 * {@code go version -m}), and damaged copies of them built here from their bytes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // hang guard only
class GoBinaryCorpusTest {

    private final List<String> warnings = new ArrayList<>();

    private static byte[] corpus(String name) throws IOException {
        return Files.readAllBytes(SharedCorpus.require("corpus/binaries/go/" + name));
    }

    private List<Package> read(byte[] file) throws IOException, BinaryFormatException {
        return new GoBinaryReader().read(ElfFile.read(ByteSource.of(file)), "/usr/local/bin/app", BinaryLimits.DEFAULT,
                warnings::add);
    }

    private static Package named(List<Package> packages, String name) {
        return packages.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** The file offset of the build info header. */
    private static int blobOffset(byte[] file) {
        byte[] magic = GoBuildInfoBlob.MAGIC;
        for (int i = 0; i + magic.length <= file.length; i += 16) {
            if (Arrays.equals(file, i, i + magic.length, magic, 0, magic.length)) {
                return i;
            }
        }
        throw new AssertionError("no build info");
    }

    @Test
    void gosuWasBuiltWithoutModules() throws Exception {
        List<Package> pkgs = read(corpus("gosu"));
        assertThat(warnings).isEmpty();
        assertThat(pkgs).extracting(Package::name).containsExactly("github.com/tianon/gosu", "stdlib");
        Package main = named(pkgs, "github.com/tianon/gosu");
        assertThat(main.version()).isEmpty(); // GOPATH build: no module version, and none is made up
        assertThat(main.purl()).isEqualTo("pkg:golang/github.com/tianon/gosu");
        assertThat(main.arch()).isEqualTo("amd64");
        assertThat(main.files()).containsExactly("/usr/local/bin/app");
        assertThat(main.metadata()).containsEntry("builtWithoutModules", "true").containsEntry("goVersion", "go1.19.8")
                .containsEntry("build.CGO_ENABLED", "1").containsEntry("build.-trimpath", "true")
                .containsEntry("build.GOAMD64", "v1").doesNotContainKey("moduleVersion");
        Package std = named(pkgs, "stdlib");
        assertThat(std.version()).isEqualTo("go1.19.8");
        assertThat(std.purl()).isEqualTo("pkg:golang/stdlib@1.19.8");
        assertThat(std.foundBy()).isEqualTo("go-binary");
        assertThat(std.location()).isEqualTo("/usr/local/bin/app");
    }

    @Test
    void esbuildHasADevelMainModuleAndOnePseudoVersionedDependency() throws Exception {
        List<Package> pkgs = read(corpus("esbuild-0.24.0"));
        assertThat(warnings).isEmpty();
        assertThat(pkgs).extracting(Package::name).containsExactly("github.com/evanw/esbuild", "golang.org/x/sys", "stdlib");
        Package main = named(pkgs, "github.com/evanw/esbuild");
        assertThat(main.version()).isEmpty();
        assertThat(main.purl()).isEqualTo("pkg:golang/github.com/evanw/esbuild");
        assertThat(main.metadata()).containsEntry("moduleVersion", "(devel)")
                .containsEntry("packagePath", "github.com/evanw/esbuild/cmd/esbuild")
                .containsEntry("build.vcs.revision", "d34e79e2a998c21bb71d57b92b0017ca11756912")
                .containsEntry("build.vcs.time", "2024-09-22T02:04:42Z").containsEntry("build.CGO_ENABLED", "0");
        Package sys = named(pkgs, "golang.org/x/sys");
        assertThat(sys.version()).isEqualTo("v0.0.0-20220715151400-c0bba94af5f8");
        assertThat(sys.purl()).isEqualTo("pkg:golang/golang.org/x/sys@v0.0.0-20220715151400-c0bba94af5f8");
        assertThat(sys.metadata()).containsEntry("h1Digest", "h1:0A+M6Uqn+Eje4kHMK80dtF3JCXC4ykBgQG4Fe06QRhQ=")
                .containsEntry("mainModule", "github.com/evanw/esbuild").containsEntry("goVersion", "go1.23.1");
        assertThat(sys.files()).isEmpty();
        assertThat(named(pkgs, "stdlib").purl()).isEqualTo("pkg:golang/stdlib@1.23.1");
    }

    @Test
    void withSectionHeadersZeroedTheDataSegmentStillYieldsTheBuildInfo() throws Exception {
        byte[] file = corpus("gosu");
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(40, 0); // e_shoff
        b.putShort(60, (short) 0); // e_shnum
        ElfFile elf = ElfFile.read(ByteSource.of(file));
        assertThat(elf.sections()).isEmpty();
        assertThat(read(file)).extracting(Package::name).containsExactly("github.com/tianon/gosu", "stdlib");
    }

    @Test
    void cutJustAfterTheBuildInfoTheBlobIsFoundThroughTheSegments() throws Exception {
        byte[] gosu = corpus("gosu");
        byte[] cut = Arrays.copyOf(gosu, blobOffset(gosu) + 0xe0); // gosu's section headers are at its end
        assertThat(ElfFile.read(ByteSource.of(cut)).problems()).isNotEmpty();
        assertThat(read(cut)).extracting(Package::name).containsExactly("github.com/tianon/gosu", "stdlib");
    }

    @Test
    void cutInsideTheModuleInfoIsAFormatError() throws Exception {
        byte[] esbuild = corpus("esbuild-0.24.0");
        byte[] cut = Arrays.copyOf(esbuild, blobOffset(esbuild) + 32 + 100);
        assertThatThrownBy(() -> read(cut)).isInstanceOf(BinaryFormatException.class);
    }

    @Test
    void cutBeforeTheDataYieldsNothingAndTheCatalogerSaysTheFileIsDamaged() throws Exception {
        byte[] esbuild = corpus("esbuild-0.24.0");
        byte[] half = Arrays.copyOf(esbuild, esbuild.length / 2);
        assertThat(read(half)).isEmpty();
        ExecutableCataloger c = new ExecutableCataloger(List.of(new GoBinaryReader()));
        StreamedFiles.offer(c.interest(), "/bin/esbuild", 0755, 0, half);
        Cataloger.Result r = c.catalog(StreamedFiles.allLayers());
        assertThat(r.packages()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().startsWith("/bin/esbuild: damaged ELF headers")
                .contains("truncated?");
    }

    @Test
    void aClaimedModuleInfoLengthBeyondTheLimitIsRefused() throws Exception {
        byte[] esbuild = corpus("esbuild-0.24.0");
        int lenAt = blobOffset(esbuild) + 32 + 1 + "go1.23.1".length();
        byte[] huge = esbuild.clone();
        huge[lenAt] = (byte) 0xff;
        huge[lenAt + 1] = (byte) 0xff;
        huge[lenAt + 2] = (byte) 0xff;
        huge[lenAt + 3] = (byte) 0x7f; // 256 MiB
        assertThatThrownBy(() -> read(huge)).isInstanceOf(BinaryFormatException.class).hasMessageContaining("limit");
    }

    @Test
    void throughTheCatalogerFromATemporaryFile() throws Exception {
        ExecutableCataloger c = new ExecutableCataloger(List.of(new GoBinaryReader()),
                new BinaryLimits(64L << 20, 1 << 20, 1 << 20)); // esbuild (10 MB) goes to disk
        StreamedFiles.offer(c.interest(), "/usr/bin/esbuild", 0755, 3, corpus("esbuild-0.24.0"));
        StreamedFiles.offer(c.interest(), "/usr/sbin/gosu", 0755, 1, corpus("gosu"));
        Cataloger.Result r = c.catalog(StreamedFiles.allLayers());
        assertThat(r.warnings()).isEmpty();
        assertThat(r.packages()).extracting(Package::name, Package::location, p -> p.provenance().layer())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("github.com/evanw/esbuild", "/usr/bin/esbuild", 3),
                        org.assertj.core.groups.Tuple.tuple("golang.org/x/sys", "/usr/bin/esbuild", 3),
                        org.assertj.core.groups.Tuple.tuple("stdlib", "/usr/bin/esbuild", 3),
                        org.assertj.core.groups.Tuple.tuple("github.com/tianon/gosu", "/usr/sbin/gosu", 1),
                        org.assertj.core.groups.Tuple.tuple("stdlib", "/usr/sbin/gosu", 1));
    }

    @Test
    void randomDamageToHeadersAndBuildInfoEndsInPackagesOrAFormatError() throws Exception {
        byte[] gosu = corpus("gosu");
        int blob = blobOffset(gosu);
        long shoff = ByteBuffer.wrap(gosu).order(ByteOrder.LITTLE_ENDIAN).getLong(40);
        int[] regions = {0, 512, blob, 0xe0, (int) shoff, gosu.length - (int) shoff};
        Random rnd = new Random(20240922);
        for (int round = 0; round < 300; round++) {
            byte[] bad = gosu.clone();
            int r = rnd.nextInt(regions.length / 2) * 2;
            for (int i = 0; i < 1 + rnd.nextInt(6); i++) {
                bad[regions[r] + rnd.nextInt(regions[r + 1])] = (byte) rnd.nextInt(256);
            }
            byte[] input = round % 5 == 0 ? Arrays.copyOf(bad, rnd.nextInt(bad.length)) : bad;
            try {
                read(input);
            } catch (BinaryFormatException expected) {
                // refused with a reason: fine
            } catch (Exception e) {
                throw new AssertionError("round " + round + ": " + e, e);
            }
        }
    }
}
