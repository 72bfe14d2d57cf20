package io.plimsoll.policy.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.DistroProbe;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.LayerMemo;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.model.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content scan under a layer memo: a walk whose layers are replayed from a recording finds what reading them
 * found, from what the scanner learnt of each file instead of the files, and a scanner configured otherwise does not
 * take another configuration's answers.
 */
class ContentScannerLayerCacheTest {

    static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    static final byte[] BINARY = "\u007fELF\u0002\u0001\u0001\u0000 AKIAIOSFODNN7EXAMPLE"
            .getBytes(StandardCharsets.ISO_8859_1);
    static final String BIG = "x".repeat(1200) + "\nAWS_ACCESS_KEY_ID=" + KEY + "\n";

    @TempDir
    Path tmp;

    static ContentScanConfig config() throws Exception {
        return ContentScanConfig.DEFAULT.withMaxFileSize(1000)
                .withContentRegexes(ContentRegex.compile(Map.of("TODO", "TODO:.*")))
                .withChecksumPaths(Set.of("/etc/ssl/openssl.cnf"));
    }

    Path image() {
        return TestImage.create()
                .layer(TestLayer.create()
                        .file("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
                        .file("etc/ssl/openssl.cnf", "[ req ]\ndefault_bits = 2048\n")
                        .file("app/.env", "APP_ENV=prod\nAWS_ACCESS_KEY_ID=" + KEY + "\n")
                        .file("app/old.env", "# TODO: rotate\nAWS_ACCESS_KEY_ID=" + KEY + "\n")
                        .file("app/notes.txt", "first\nTODO: remove the debug flag\n")
                        .file("usr/bin/app", BINARY, 0755)
                        .file("var/log/big.log", BIG)
                        .file("usr/share/doc/awscli/README", "AWS_ACCESS_KEY_ID=" + KEY + "\n"),
                        Compressor.GZIP, "ADD rootfs /")
                .layer(TestLayer.create().whiteout("app/old.env").file("app/readme.txt", "nothing here\n"),
                        Compressor.ZSTD, "RUN rm /app/old.env")
                .writeOciLayout(tmp.resolve("image"), null);
    }

    @Test
    void aWarmWalkFindsTheSameFromWhatWasLearntAndAnotherConfigurationReadsTheLayers() throws Exception {
        Path layout = image();
        MapMemo memo = new MapMemo();
        ContentFindings cold = scan(layout, memo, new ContentScanner(config()));
        assertThat(cold.secrets()).extracting(ContentHit::path, ContentHit::layer, ContentHit::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/app/.env", 0, 2),
                        org.assertj.core.groups.Tuple.tuple("/app/old.env", 0, 2));
        assertThat(cold.regexMatches()).containsExactly(
                new ContentHit("TODO", "/app/notes.txt", 0, 2, Secrets.mask("TODO: remove the debug flag")));
        assertThat(cold.accountFile("/etc/passwd")).contains("root:x:0:0:root:/root:/bin/bash\n");
        assertThat(cold.sha256()).containsExactly(Map.entry("/etc/ssl/openssl.cnf",
                Digest.sha256Of("[ req ]\ndefault_bits = 2048\n".getBytes(StandardCharsets.UTF_8)).hex()));
        assertThat(cold.skipped()).containsExactly(
                "/var/log/big.log: " + BIG.length() + " bytes, over the 1000-byte content scan limit",
                "1 binary files not scanned (NUL bytes or not UTF-8 in the first 8192 bytes)");
        assertThat(memo.kept).hasSize(2);
        assertThat(memo.remembered).hasValue(2);

        List<Path> blobs = emptyTheLayerBlobs(layout, memo);
        ContentFindings warm = scan(layout, memo, new ContentScanner(config()));
        assertThat(warm).isEqualTo(cold);
        assertThat(memo.remembered).hasValue(2);

        // every file the scanner was handed is kept as what it found there, the secrets masked, never the bytes
        List<LayerMemo.WantedFile> kept = memo.kept.values().stream()
                .flatMap(r -> Stream.concat(r.files().stream(), r.links().stream())).toList();
        assertThat(kept).extracting(f -> f.asked().path()).containsExactlyInAnyOrder("/etc/passwd",
                "/etc/ssl/openssl.cnf", "/app/.env", "/app/old.env", "/app/notes.txt", "/usr/bin/app",
                "/var/log/big.log", "/app/readme.txt");
        assertThat(kept).allSatisfy(f -> {
            assertThat(f.learntBy()).startsWith("content:");
            assertThat(new String(f.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain(KEY).doesNotContain("xxxx");
        });
        assertThat(kept).filteredOn(f -> f.asked().path().equals("/app/readme.txt")).singleElement()
                .satisfies(f -> assertThat(f.bytes()).isEmpty());

        // other allow paths are another answer: the recording is not replayed to it, the layers are read again, and
        // the documentation the default allow paths skipped (so nothing was learnt of it) is scanned
        blobs.forEach(MapMemo::restore);
        ContentScanConfig allowingApp = config().withAllowPaths(List.of("/app/**"));
        ContentFindings other = scan(layout, memo, new ContentScanner(allowingApp));
        assertThat(memo.remembered).hasValue(4);
        assertThat(other.secrets()).extracting(ContentHit::path).containsExactly("/usr/share/doc/awscli/README");
        assertThat(other.regexMatches()).isEmpty();
        assertThat(other.accountFile("/etc/passwd")).isPresent();
        assertThat(memo.kept.values()).allSatisfy(r -> assertThat(r.learners())
                .containsExactly(learnerName(allowingApp)).doesNotContain(learnerName(config())));
    }

    @Test
    void theLearnersNameFollowsEveryPartOfTheConfigurationThatChangesAnAnswer() throws Exception {
        ContentScanConfig c = config();
        List<ContentScanConfig> others = List.of(c.withMaxFileSize(999), c.withAllowPaths(List.of()),
                c.withChecksumPaths(Set.of("/etc/hosts")), c.withContentRegexes(List.of()),
                c.withRules(c.rules().subList(1, c.rules().size())));
        assertThat(learnerName(c)).isEqualTo(learnerName(config()));
        for (ContentScanConfig o : others) {
            assertThat(learnerName(o)).isNotEqualTo(learnerName(c));
        }
    }

    private static String learnerName(ContentScanConfig config) {
        return ((io.plimsoll.image.walk.LearningInterest) new ContentScanner(config).interest()).name();
    }

    private static ContentFindings scan(Path layout, LayerMemo memo, ContentScanner scanner) throws Exception {
        try (ImageSource s = ImageSources.open(ImageReferences.parse("oci:" + layout), ImageOptions.DEFAULT)) {
            new CatalogEngine(NO_DISTRO, List.of(scanner)).run(s, new LayerWalker(2, ImageOptions.DEFAULT.limits(),
                    memo));
        }
        return scanner.findings();
    }

    /** Empties the layers' blobs (a walk that read one would fail) and returns them to be restored. */
    private static List<Path> emptyTheLayerBlobs(Path layout, MapMemo memo) throws Exception {
        List<Path> blobs = memo.kept.keySet().stream().map(d -> layout.resolve("blobs/sha256/" + d.hex())).toList();
        for (Path blob : blobs) {
            Files.copy(blob, blob.resolveSibling(blob.getFileName() + ".kept"));
            Files.write(blob, new byte[0]);
        }
        return blobs;
    }

    private static final DistroProbe NO_DISTRO = DistroProbe.NONE;

    /** A layer memo in a map, counting the layers recorded (each one a layer read in full). */
    private static final class MapMemo implements LayerMemo {
        final Map<Digest, Recorded> kept = new ConcurrentHashMap<>();
        final AtomicInteger remembered = new AtomicInteger();

        @Override
        public Optional<Recorded> recall(Digest layer) {
            return Optional.ofNullable(kept.get(layer));
        }

        @Override
        public void remember(Digest layer, Recorded recorded) {
            remembered.incrementAndGet();
            kept.put(layer, recorded);
        }

        static void restore(Path blob) {
            try {
                Files.move(blob.resolveSibling(blob.getFileName() + ".kept"), blob,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
