package io.plimsoll.image.walk;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.testing.Walks;
import io.plimsoll.image.tree.FileNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real edge-case layers from claircore's test data, stacked on layers built here. */
class SharedCorpusLayersTest {

    @TempDir
    Path tmp;

    private WalkResult stackOn(TestLayer base, String corpusLayer) throws Exception {
        byte[] real = Files.readAllBytes(SharedCorpus.require(corpusLayer));
        Path dir = TestImage.create().layer(base, Compressor.GZIP).layer(real, Compressor.NONE, "real layer")
                .writeOciLayout(tmp.resolve("img"), null);
        return Walks.walk("oci:" + dir);
    }

    private static List<String> paths(WalkResult r) {
        return r.tree().nodes().stream().map(FileNode::path).toList();
    }

    @Test
    void whiteoutLayerDeletesEtcProfile() throws Exception {
        WalkResult r = stackOn(TestLayer.create().file("etc/profile", "x").file("etc/hosts", "h"),
                "corpus/claircore/whiteout/testdata/whiteout.layer");
        assertThat(paths(r)).containsExactly("/etc", "/etc/hosts");
    }

    @Test
    void advancedWhiteoutsDeleteFilesAndDirectoriesAtTheRoot() throws Exception {
        WalkResult r = stackOn(TestLayer.create().file("a/a_file.txt", "1").file("a/keep", "2").file("a_root_file.txt", "3")
                .file("b/c", "4").file("bb", "5"), "corpus/claircore/whiteout/testdata/whiteout_advanced.layer");
        assertThat(paths(r)).containsExactly("/a", "/a/keep", "/bb");
        assertThat(r.layers().get(1).whiteouts()).isEqualTo(3);
    }

    @Test
    void opaqueLayerHidesOnlyTheMarkedDirectory() throws Exception {
        WalkResult r = stackOn(TestLayer.create().file("a/old", "1").file("b/old", "2"),
                "corpus/claircore/whiteout/testdata/whiteout_opaque.layer");
        assertThat(paths(r)).contains("/a", "/b/old", "/b/not.a.wh..wh..opq").doesNotContain("/a/old");
        assertThat(r.layers().get(1).opaqueDirs()).isEqualTo(1);
    }

    @Test
    void concatenatedTarReplacesASymlinkWithADirectory() throws Exception {
        WalkResult r = stackOn(TestLayer.create().file("x", "x"), "corpus/claircore/pkg/tarfs/testdata/concat.tar");
        FileNode run = r.tree().get("/var/run").orElseThrow();
        assertThat(run.isDirectory()).isTrue();
        assertThat(paths(r)).contains("/run/logs/log.txt", "/var/run/console/algo.txt");
    }

    @Test
    void nameThatIsNotUtf8StillParses() throws Exception {
        WalkResult r = stackOn(TestLayer.create().file("x", "x"), "corpus/claircore/pkg/tarfs/testdata/bad_name.tar");
        assertThat(paths(r)).anyMatch(p -> p.startsWith("/____") && p.endsWith("name"));
    }

    @Test
    void oddAndEmptyLayersAreFine() throws Exception {
        assertThat(paths(stackOn(TestLayer.create().file("x", "x"), "corpus/claircore/pkg/tarfs/testdata/known/oddlayer.tar")))
                .contains("/x");
        assertThat(paths(stackOn(TestLayer.create().file("x", "x"), "corpus/claircore/pkg/tarfs/testdata/atroot")))
                .containsExactly("/x");
    }
}
