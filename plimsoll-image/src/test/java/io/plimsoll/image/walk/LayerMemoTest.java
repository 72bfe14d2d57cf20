package io.plimsoll.image.walk;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReference;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerMemoTest {

    @TempDir
    Path tmp;

    /** A memo in a map that counts what it was asked. */
    static final class MapMemo implements LayerMemo {
        final Map<Digest, Recorded> kept = new ConcurrentHashMap<>();
        final List<Digest> recalled = new CopyOnWriteArrayList<>();
        long max = 256L << 20;

        @Override
        public Optional<Recorded> recall(Digest layer) {
            Optional<Recorded> r = Optional.ofNullable(kept.get(layer));
            r.ifPresent(x -> recalled.add(layer));
            return r;
        }

        @Override
        public void remember(Digest layer, Recorded recorded) {
            kept.put(layer, recorded);
        }

        @Override
        public long maxRecordedBytes() {
            return max;
        }
    }

    private Path image() {
        return TestImage.create()
                .layer(TestLayer.create().file("var/lib/dpkg/status", "v1").file("etc/os-release", "ID=old")
                        .file("usr/bin/tool", new byte[100], 0755), Compressor.GZIP)
                .layer(TestLayer.create().file("var/lib/dpkg/status", "v2").whiteout("etc/os-release"), Compressor.ZSTD)
                .layer(TestLayer.create().file("opt/a.jar", "jar").hardlink("opt/b.jar", "opt/a.jar"), Compressor.NONE)
                .writeOciLayout(tmp.resolve("img"), null);
    }

    /** Records path@layer=content of what it was handed, and the mode-based question it was asked. */
    static final class Seen implements FileInterest {
        final List<String> got = new CopyOnWriteArrayList<>();

        @Override
        public boolean wants(String path) {
            return path.endsWith(".jar") || path.equals("/var/lib/dpkg/status") || path.equals("/etc/os-release");
        }

        @Override
        public boolean wants(io.plimsoll.image.layer.LayerEntry entry) {
            return wants(entry.path()) || (entry.isRegular() && (entry.mode() & 0111) != 0);
        }

        @Override
        public void accept(LayerFile file, InputStream content) throws IOException {
            got.add(file.path() + "@" + file.layer() + "=" + new String(content.readAllBytes(), StandardCharsets.ISO_8859_1).length()
                    + ":" + file.entry().type());
        }
    }

    private WalkResult walk(Path layout, LayerMemo memo, FileInterest... interests) throws Exception {
        try (ImageSource source = ImageSources.open(new ImageReference.OciLayout("oci:" + layout, layout, Optional.empty()),
                ImageOptions.DEFAULT)) {
            return new LayerWalker(2, ImageOptions.DEFAULT.limits(), memo).walk(source, List.of(interests));
        }
    }

    @Test
    void aRecalledLayerIsNotReadAndItsFilesAndWhiteoutsReplayExactly() throws Exception {
        Path layout = image();
        MapMemo memo = new MapMemo();
        Seen first = new Seen();
        WalkResult read = walk(layout, memo, first);
        assertThat(memo.kept).hasSize(3);
        assertThat(memo.recalled).isEmpty();

        // the blobs are gone: a walk that tried to read a layer would fail
        try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path b : blobs.toList()) {
                if (read.layers().stream().anyMatch(l -> l.layer().digest().orElseThrow().hex().equals(b.getFileName().toString()))) {
                    Files.write(b, new byte[0]);
                }
            }
        }
        Seen second = new Seen();
        WalkResult replayed = walk(layout, memo, second);
        assertThat(memo.recalled).hasSize(3);
        assertThat(second.got).containsExactlyInAnyOrderElementsOf(first.got);
        assertThat(second.got).contains("/opt/b.jar@2=3:REGULAR", "/usr/bin/tool@0=100:REGULAR");
        assertThat(replayed.tree().nodes()).containsExactlyElementsOf(read.tree().nodes());
        assertThat(replayed.tree().get("/etc/os-release")).isEmpty();
    }

    @Test
    void aLayerWhoseFilesOutgrowTheBudgetIsNotRecorded() throws Exception {
        Path layout = image();
        MapMemo memo = new MapMemo();
        memo.max = 50; // the 100-byte executable does not fit
        walk(layout, memo, new Seen());
        assertThat(memo.kept).hasSize(2);
    }

    @Test
    void aRecordingLackingAWantedFileIsNotReplayed() throws Exception {
        Path layout = image();
        MapMemo memo = new MapMemo();
        walk(layout, memo, new CollectedFiles(p -> p.equals("/etc/os-release"), 1 << 20));
        Seen more = new Seen(); // wants more than the recording walk did
        walk(layout, memo, more);
        assertThat(more.got).contains("/var/lib/dpkg/status@1=2:REGULAR");
        assertThat(memo.recalled).hasSize(3); // recalled, found wanting, read again
    }

    /** Learns a file's length and first byte; counts what it read and what it was handed back. */
    static final class Learner implements LearningInterest {
        final String name;
        final List<String> learnt = new CopyOnWriteArrayList<>();
        final List<String> recalled = new CopyOnWriteArrayList<>();

        Learner(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean wants(String path) {
            return path.endsWith(".jar") || path.equals("/var/lib/dpkg/status");
        }

        @Override
        public byte[] learn(LayerFile file, InputStream content) throws IOException {
            byte[] b = content.readAllBytes();
            String answer = b.length + ":" + (char) b[0];
            learnt.add(file.path() + "@" + file.layer() + "=" + answer);
            return new Learnt.Writer().string(answer).toBytes();
        }

        @Override
        public void recall(LayerFile file, byte[] answer) throws IOException {
            Learnt.Reader r = new Learnt.Reader(answer);
            recalled.add(file.path() + "@" + file.layer() + "=" + r.string());
            r.end();
        }
    }

    @Test
    void aLearnerGetsBackWhatItLearntAndTheRecordingKeepsThatInsteadOfTheFiles() throws Exception {
        Path layout = image();
        MapMemo memo = new MapMemo();
        Learner first = new Learner("len");
        Seen plain = new Seen();
        walk(layout, memo, first, plain);
        assertThat(first.learnt).containsExactlyInAnyOrder("/var/lib/dpkg/status@0=2:v", "/var/lib/dpkg/status@1=2:v",
                "/opt/a.jar@2=3:j", "/opt/b.jar@2=3:j");
        assertThat(first.recalled).isEmpty();
        List<LayerMemo.WantedFile> jarLayer = memo.kept.values().stream()
                .filter(r -> r.changes().entries().stream().anyMatch(e -> e.path().equals("/opt/a.jar")))
                .flatMap(r -> Stream.concat(r.files().stream(), r.links().stream())).toList();
        // both interests want the jars: the plain one's bytes once, and the learner's answer per file
        assertThat(jarLayer).extracting(f -> f.asked().path() + ":" + f.learntBy())
                .containsExactlyInAnyOrder("/opt/a.jar:", "/opt/a.jar:len", "/opt/b.jar:", "/opt/b.jar:len");
        assertThat(jarLayer).filteredOn(LayerMemo.WantedFile::isLearnt).allSatisfy(f ->
                assertThat(new Learnt.Reader(f.bytes()).string()).isEqualTo("3:j"));

        Learner second = new Learner("len");
        walk(layout, memo, second);
        assertThat(second.learnt).isEmpty();
        assertThat(second.recalled).containsExactlyInAnyOrderElementsOf(first.learnt);
    }

    @Test
    void aLearnerAloneRecordsNoFileBytes() throws Exception {
        Path layout = image();
        MapMemo memo = new MapMemo();
        memo.max = 64; // far less than the files, more than the answers
        walk(layout, memo, new Learner("len"));
        assertThat(memo.kept).hasSize(3);
        assertThat(memo.kept.values()).allSatisfy(r -> assertThat(r.files()).allMatch(LayerMemo.WantedFile::isLearnt));
    }

    @Test
    void aLearnerTheRecordingWalkDidNotHaveMakesTheWalkerReadTheLayer() throws Exception {
        Path layout = image();
        MapMemo memo = new MapMemo();
        walk(layout, memo, new Learner("len"));
        Learner other = new Learner("other");
        walk(layout, memo, other);
        assertThat(other.recalled).isEmpty();
        assertThat(other.learnt).hasSize(4);
        Learner again = new Learner("other"); // the read recorded the new learner
        walk(layout, memo, again);
        assertThat(again.learnt).isEmpty();
        assertThat(again.recalled).hasSize(4);
    }

    /** Keeps a status file as its length in decimal: what a cataloger would keep of a long file. */
    private static CollectedFiles condensing(CollectBudget budget) {
        return new CollectedFiles(p -> p.equals("/var/lib/dpkg/status"), 1 << 20, p -> 1 << 20, budget, "files:test",
                (path, content) -> Integer.toString(content.length).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void condensedFilesAreKeptAndRecordedCondensedAndReplayedWithoutTheFiles() throws Exception {
        Path layout = image();
        MapMemo memo = new MapMemo();
        CollectedFiles cold = condensing(null);
        WalkResult read = walk(layout, memo, cold.learner().orElseThrow());
        assertThat(cold.squashed(read.tree(), "/var/lib/dpkg/status")).hasValueSatisfying(b ->
                assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("2"));
        assertThat(memo.kept.values()).flatExtracting(LayerMemo.Recorded::files)
                .allSatisfy(f -> assertThat(f.learntBy()).isEqualTo("files:test"))
                .extracting(f -> new String(f.bytes(), 1, f.bytes().length - 1, StandardCharsets.UTF_8))
                .containsExactly("2", "2");

        CollectedFiles warm = condensing(null);
        WalkResult replayed = walk(layout, memo, warm.learner().orElseThrow());
        assertThat(memo.recalled).hasSize(3);
        assertThat(warm.layers("/var/lib/dpkg/status")).containsExactly(0, 1);
        assertThat(warm.squashed(replayed.tree(), "/var/lib/dpkg/status")).hasValueSatisfying(b ->
                assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("2"));
        assertThat(new CollectedFiles(p -> true, 1).learner()).isEmpty();
    }

    @Test
    void aFileLeftOutForWantOfRoomKeepsItsLayerOutOfTheMemo() throws Exception {
        Path layout = image();
        MapMemo memo = new MapMemo();
        CollectBudget budget = new CollectBudget(3); // room for one two-byte status at a time
        budget.reserve(2); // ... and that room is taken
        walk(layout, memo, condensing(budget).learner().orElseThrow());
        // the two layers holding a status are not recorded: another run may have the room
        assertThat(memo.kept).hasSize(1);
    }

    @Test
    void aFileLeftOutForWantOfRoomAfterOthersWereLearntStillKeepsItsLayerOut() throws Exception {
        // the first status of the layer is learnt, so the recording holds bytes when the second finds no room
        Path layout = TestImage.create()
                .layer(TestLayer.create().file("var/lib/dpkg/status", "v1-abcdefgh").file("var/lib/dpkg/status", "v2-abcdefghijkl"),
                        Compressor.GZIP)
                .writeOciLayout(tmp.resolve("twice"), null);
        MapMemo memo = new MapMemo();
        // 16 bytes: the first version (11, kept as "11") fits; the second (15) is wanted but finds no room beside it
        CollectBudget budget = new CollectBudget(16);
        walk(layout, memo, condensing(budget).learner().orElseThrow());
        assertThat(memo.kept).isEmpty();
    }
}
