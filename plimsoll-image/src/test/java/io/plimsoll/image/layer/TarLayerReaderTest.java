package io.plimsoll.image.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.SparseTars;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TarLayerReaderTest {

    static final String LONG_DIR = "usr/share/" + "a-rather-long-directory-name-".repeat(6);
    static final String LONG_PATH = LONG_DIR + "/and-a-long-file-name-" + "x".repeat(120) + ".txt";

    record Read(Map<String, LayerEntry> entries, Map<String, byte[]> contents, LayerSummary summary) {
    }

    static Read read(byte[] blob, Optional<Digest> expected, ImageLimits limits) throws ImageException {
        Map<String, LayerEntry> entries = new LinkedHashMap<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        TarLayerReader reader = new TarLayerReader("test-layer", () -> new ByteArrayInputStream(blob), expected, false);
        LayerSummary s = reader.read((e, in) -> {
            entries.put(e.path(), e);
            contents.put(e.path(), in.readAllBytes());
        }, new ExpansionBudget(limits));
        return new Read(entries, contents, s);
    }

    static Read read(byte[] blob) throws ImageException {
        return read(blob, Optional.of(Digest.sha256Of(blob)), ImageLimits.DEFAULT);
    }

    static TestLayer everyKind(TestLayer.Format format) {
        return TestLayer.create().format(format).dotSlashNames()
                .dir("etc", 0755)
                .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
                .file("bin/ping", new byte[] {0x7f, 'E', 'L', 'F'}, 04755, 0, 0)
                .file("usr/bin/wall", new byte[] {1}, 02755, 0, 5)
                .dir("tmp", 01777)
                .symlink("etc/mtab", "/proc/self/mounts")
                .symlink("lib", "usr/lib")
                .hardlink("bin/ping6", "bin/ping")
                .charDevice("dev/null", 1, 3)
                .fifo("run/initctl")
                .file(LONG_PATH, "long")
                .symlink("long-link", "/" + LONG_PATH)
                .file("usr/share/doc/naïve-日本語.txt", "utf8")
                .file("home/big", "uid".getBytes(StandardCharsets.UTF_8), 0600, 3_000_000, 3_000_000);
    }

    @ParameterizedTest
    @EnumSource(TestLayer.Format.class)
    void readsEveryEntryKindInPaxAndGnuArchives(TestLayer.Format format) throws Exception {
        Read r = read(everyKind(format).tar());
        assertThat(r.entries.keySet()).contains("/etc", "/etc/passwd", "/bin/ping", "/tmp", "/etc/mtab", "/lib",
                "/bin/ping6", "/dev/null", "/run/initctl", "/" + LONG_PATH, "/long-link",
                "/usr/share/doc/naïve-日本語.txt", "/home/big");
        assertThat(r.entries.get("/etc").type()).isEqualTo(FileType.DIRECTORY);
        assertThat(r.entries.get("/bin/ping").mode()).isEqualTo(04755);
        assertThat(r.entries.get("/usr/bin/wall").mode()).isEqualTo(02755);
        assertThat(r.entries.get("/usr/bin/wall").gid()).isEqualTo(5);
        assertThat(r.entries.get("/tmp").mode()).isEqualTo(01777);
        assertThat(r.entries.get("/etc/mtab").type()).isEqualTo(FileType.SYMLINK);
        assertThat(r.entries.get("/etc/mtab").linkTarget()).isEqualTo("/proc/self/mounts");
        assertThat(r.entries.get("/lib").linkTarget()).isEqualTo("usr/lib");
        assertThat(r.entries.get("/bin/ping6").type()).isEqualTo(FileType.HARDLINK);
        assertThat(r.entries.get("/bin/ping6").linkTarget()).isEqualTo("/bin/ping");
        assertThat(r.entries.get("/dev/null").type()).isEqualTo(FileType.CHAR_DEVICE);
        assertThat(r.entries.get("/run/initctl").type()).isEqualTo(FileType.FIFO);
        assertThat(r.entries.get("/long-link").linkTarget()).isEqualTo("/" + LONG_PATH);
        assertThat(r.entries.get("/home/big").uid()).isEqualTo(3_000_000);
        assertThat(r.contents.get("/" + LONG_PATH)).asString().isEqualTo("long");
        assertThat(r.contents.get("/etc/passwd")).asString().startsWith("root:x:0:0");
        assertThat(r.contents.get("/dev/null")).isEmpty();
        assertThat(r.summary.entries()).isEqualTo(r.entries.size() + 0L);
    }

    @ParameterizedTest
    @EnumSource(Compressor.class)
    void sameEntriesWhateverTheCompression(Compressor c) throws Exception {
        byte[] tar = everyKind(TestLayer.Format.PAX).tar();
        Read plain = read(tar);
        Read compressed = read(c.apply(tar));
        assertThat(compressed.entries).isEqualTo(plain.entries);
        assertThat(compressed.summary.expandedBytes()).isEqualTo(tar.length);
        assertThat(compressed.summary.compressedBytes()).isEqualTo(c.apply(tar).length);
    }

    @Test
    void multiMemberGzipIsReadToTheLastMember() throws Exception {
        TestLayer layer = TestLayer.create();
        for (int i = 0; i < 200; i++) {
            layer.file("f/" + i, "content " + i);
        }
        byte[] tar = layer.tar();
        Read r = read(Compressor.GZIP_MULTI_MEMBER.apply(tar));
        assertThat(r.entries).hasSize(200);
        assertThat(r.contents.get("/f/199")).asString().isEqualTo("content 199");
    }

    @Test
    void digestMismatchNamesTheLayer() {
        byte[] blob = Compressor.GZIP.apply(TestLayer.create().file("a", "a").tar());
        Digest wrong = Digest.sha256Of("something else".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> read(blob, Optional.of(wrong), ImageLimits.DEFAULT))
                .isInstanceOf(ImageException.class)
                .hasMessageStartingWith("test-layer: digest mismatch")
                .hasMessageContaining(wrong.toString())
                .hasMessageContaining(Digest.sha256Of(blob).toString());
    }

    @Test
    void aStreamThatHashesTheBlobItselfIsTakenAtItsWordAndNotHashedAgain() throws Exception {
        byte[] blob = Compressor.GZIP.apply(TestLayer.create().file("a", "a").tar());
        Digest right = Digest.sha256Of(blob);
        Digest claimed = Digest.sha256Of("what the stream says it hashed".getBytes(StandardCharsets.UTF_8));
        class Hashing extends ByteArrayInputStream implements DigestingStream {
            Hashing() {
                super(blob);
            }

            @Override
            public boolean digests(String algorithm) {
                return algorithm.equals("sha256");
            }

            @Override
            public Optional<Digest> digest() {
                return pos == count ? Optional.of(claimed) : Optional.empty();
            }
        }
        // the bytes are right, so only the stream's (here false) word can make the reader refuse them
        assertThatThrownBy(() -> new TarLayerReader("test-layer", Hashing::new, Optional.of(right), false)
                .read((e, in) -> { }, new ExpansionBudget(ImageLimits.DEFAULT)))
                .hasMessageStartingWith("test-layer: digest mismatch")
                .hasMessageContaining("the content is " + claimed);
        assertThat(new TarLayerReader("test-layer", Hashing::new, Optional.of(claimed), false)
                .read((e, in) -> { }, new ExpansionBudget(ImageLimits.DEFAULT)).entries()).isEqualTo(1);
    }

    @Test
    void digestCoversBytesAfterTheEndOfArchive() {
        // a blob whose tar part is intact but with extra bytes appended is still a different blob
        byte[] tar = TestLayer.create().file("a", "a").tar();
        byte[] blob = Arrays.copyOf(tar, tar.length + 1024);
        assertThatThrownBy(() -> read(blob, Optional.of(Digest.sha256Of(tar)), ImageLimits.DEFAULT))
                .hasMessageContaining("digest mismatch");
    }

    @Test
    void diffIdVerificationHashesTheUncompressedTar() throws Exception {
        byte[] tar = TestLayer.create().file("a", "a").tar();
        byte[] gz = Compressor.GZIP.apply(tar);
        TarLayerReader ok = new TarLayerReader("l", () -> new ByteArrayInputStream(gz), Optional.of(Digest.sha256Of(tar)), true);
        assertThat(ok.read((e, in) -> { }, new ExpansionBudget(ImageLimits.DEFAULT)).entries()).isEqualTo(1);
        TarLayerReader bad = new TarLayerReader("l", () -> new ByteArrayInputStream(gz), Optional.of(Digest.sha256Of(gz)), true);
        assertThatThrownBy(() -> bad.read((e, in) -> { }, new ExpansionBudget(ImageLimits.DEFAULT)))
                .hasMessageContaining("the config's diff id says");
    }

    @Test
    void pathsEscapingTheRootAreRefused() {
        for (String name : List.of("../etc/passwd", "a/../../etc/passwd", "/etc/passwd")) {
            byte[] tar = TestLayer.create().raw(new TarArchiveEntry(name, true), new byte[0]).tar();
            assertThatThrownBy(() -> read(tar)).as(name)
                    .isInstanceOf(ImageException.class)
                    .hasMessageContaining("points outside the image root");
        }
        byte[] link = TestLayer.create().file("a", "a").raw(hardlinkTo("b", "../../a"), new byte[0]).tar();
        assertThatThrownBy(() -> read(link)).hasMessageContaining("hard link 'b' points outside the image root");
    }

    private static TarArchiveEntry hardlinkTo(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, org.apache.commons.compress.archivers.tar.TarConstants.LF_LINK);
        e.setLinkName(target);
        return e;
    }

    @Test
    void symlinkTargetsMayPointAnywhere() throws Exception {
        Read r = read(TestLayer.create().symlink("a", "../../../../etc/shadow").tar());
        assertThat(r.entries.get("/a").linkTarget()).isEqualTo("../../../../etc/shadow");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sparse-gnu.tar", "sparse-posix.tar"})
    void sparseFilesAreRecordedButTheirHolesAreNeverExpanded(String fixture) throws Exception {
        byte[] tar;
        try (var in = getClass().getResourceAsStream("/tar/" + fixture)) {
            tar = in.readAllBytes();
        }
        Read r = read(tar);
        LayerEntry e = r.entries.get("/var/log/lastlog");
        assertThat(e.sparse()).isTrue();
        assertThat(e.size()).isEqualTo(1L << 30);
        assertThat(r.contents.get("/var/log/lastlog")).isEmpty();
        assertThat(r.contents.get("/after")).asString().isEqualTo("x");
        assertThat(r.summary.expandedBytes()).isEqualTo(tar.length);
    }

    /** The most each format lets commons-compress read: 12 octal digits for GNU, an int for PAX 1.0. */
    static final long GNU_MAX = (64L << 30) - 1;
    static final long PAX_MAX = Integer.MAX_VALUE;

    static Stream<Arguments> hugeSparseFiles() {
        byte[] data = "data".getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
                Arguments.of("gnu", SparseTars.gnu("var/log/lastlog", GNU_MAX, GNU_MAX - 4, data), GNU_MAX, 4L),
                // PAX 1.0 stores the sparse map (one record) before the data
                Arguments.of("pax 1.0", SparseTars.pax10("var/log/lastlog", PAX_MAX, PAX_MAX - 4, data), PAX_MAX,
                        516L));
    }

    // before the holes were skipped, reading the gnu case expanded 64 GiB of zeros (about 2.5 minutes, 25 under
    // the fuzzer); a layer of a thousand such entries took days
    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeSparseFiles")
    void aSparseFileClaimingMoreThanTheLimitIsKeptUnreadWithAWarning(String format, byte[] tar, long realSize,
                                                                     long stored) throws Exception {
        Read r = read(tar, Optional.empty(), ImageLimits.DEFAULT.withMaxEntryBytes(1L << 30));
        LayerEntry e = r.entries.get("/var/log/lastlog");
        assertThat(e.sparse()).isTrue();
        assertThat(e.size()).isEqualTo(realSize);
        assertThat(r.contents.get("/var/log/lastlog")).isEmpty();
        assertThat(r.contents.get("/after")).asString().isEqualTo("x");
        // the holes were never produced: only the archive's own bytes went through the budget
        assertThat(r.summary.expandedBytes()).isEqualTo(tar.length);
        assertThat(r.summary.warnings()).containsExactly("test-layer: sparse file '/var/log/lastlog' claims "
                + Bytes.human(realSize) + ", over the 1.0 GiB limit per file; kept without content ("
                + Bytes.human(stored) + " stored)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeSparseFiles")
    void aSparseEntryEndsAtOnceInsteadOfYieldingItsHoles(String format, byte[] tar, long realSize, long stored)
            throws Exception {
        try (var in = new BoundedTarInputStream(new ByteArrayInputStream(tar), "test-layer", ImageLimits.DEFAULT)) {
            assertThat(in.getNextEntry().getRealSize()).isEqualTo(realSize);
            assertThat(in.read(new byte[4096])).isEqualTo(-1);
            assertThat(in.skip(4096)).isZero();
            assertThat(in.getNextEntry().getName()).isEqualTo("after");
            assertThat(in.readAllBytes()).asString().isEqualTo("x");
            assertThat(in.getNextEntry()).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeSparseFiles")
    void aSparseFileCutShortIsReportedAsTruncated(String format, byte[] tar, long realSize, long stored) {
        // two bytes into the stored data: after the header, or after the PAX header, its data, the header and map
        byte[] cut = Arrays.copyOf(tar, 512 * (format.equals("gnu") ? 1 : 4) + 2);
        assertThatThrownBy(() -> read(cut, Optional.empty(), ImageLimits.DEFAULT))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("sparse entry 'var/log/lastlog' ends after 2 of its");
    }

    @Test
    void aBase256RealSizeIsRefusedAsCorrupt() {
        // commons-compress reads the old GNU real size as octal only: the layer is refused at once, never expanded
        byte[] tar = SparseTars.gnu("var/log/lastlog", 2L << 40, (2L << 40) - 4, new byte[4]);
        assertThatThrownBy(() -> read(tar))
                .isInstanceOf(ImageException.class)
                .hasMessage("test-layer: corrupt tar data (Corrupted TAR archive.)");
    }

    @Test
    void aSmallSparseFileWithDataIsKeptAndTheNextEntryIsReadAfterIt() throws Exception {
        byte[] data = new byte[700];
        Arrays.fill(data, (byte) 'd');
        for (byte[] tar : List.of(SparseTars.gnu("var/log/faillog", 64 << 10, 4096, data),
                SparseTars.pax10("var/log/faillog", 64 << 10, 4096, data))) {
            Read r = read(tar);
            assertThat(r.entries.get("/var/log/faillog").size()).isEqualTo(64 << 10);
            assertThat(r.entries.get("/var/log/faillog").sparse()).isTrue();
            assertThat(r.contents.get("/var/log/faillog")).isEmpty();
            assertThat(r.contents.get("/after")).asString().isEqualTo("x");
            assertThat(r.summary.warnings()).isEmpty();
        }
    }

    @Test
    void decompressionBombIsStoppedAtTheRatioLimit() {
        byte[] zeros = new byte[64 << 20];
        byte[] tar = TestLayer.create().file("zeros", zeros, 0644).tar();
        byte[] gz = Compressor.GZIP.apply(tar);
        ImageLimits strict = ImageLimits.DEFAULT.withMaxRatio(50).withMaxExpandedBytes(16L << 20);
        assertThatThrownBy(() -> read(gz, Optional.empty(), strict))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("expands to more than 16.0 MiB");
    }

    @Test
    void fileOverTheEntryLimitIsRefused() {
        byte[] tar = TestLayer.create().file("big", new byte[4096], 0644).tar();
        assertThatThrownBy(() -> read(tar, Optional.empty(), ImageLimits.DEFAULT.withMaxEntryBytes(1024)))
                .hasMessageContaining("entry 'big' is 4.0 KiB, over the 1.0 KiB limit per file");
    }

    @Test
    void tooManyEntriesIsRefused() {
        TestLayer layer = TestLayer.create();
        for (int i = 0; i < 20; i++) {
            layer.file("f" + i, "x");
        }
        assertThatThrownBy(() -> read(layer.tar(), Optional.empty(), ImageLimits.DEFAULT.withMaxEntries(10)))
                .hasMessageContaining("more than 10 archive entries");
    }

    @Test
    void emptyBlobIsAnEmptyLayer() throws Exception {
        assertThat(read(new byte[0]).entries).isEmpty();
    }

    @Test
    void consumersMayStopReadingEarly() throws Exception {
        byte[] tar = TestLayer.create().file("a", new byte[100_000], 0644).file("b", "b").tar();
        List<String> seen = new ArrayList<>();
        new TarLayerReader("l", () -> new ByteArrayInputStream(tar), Optional.of(Digest.sha256Of(tar)), false)
                .read((e, in) -> {
                    in.read(new byte[10]);
                    in.close();
                    seen.add(e.path());
                }, new ExpansionBudget(ImageLimits.DEFAULT));
        assertThat(seen).containsExactly("/a", "/b");
    }
}
