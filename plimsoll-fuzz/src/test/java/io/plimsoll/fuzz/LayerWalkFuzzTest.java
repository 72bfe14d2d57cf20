package io.plimsoll.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.source.LayerBlobsSource;
import io.plimsoll.image.tree.FileNode;
import io.plimsoll.image.tree.FileTree;
import io.plimsoll.image.walk.FileInterest;
import io.plimsoll.image.walk.LayerFile;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Platform;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One to three layers (split by {@link Parts}) walked into the squashed tree: whiteouts and opaque directories across
 * layers, deep paths, links resolved through the tree, files handed to an interest.
 */
class LayerWalkFuzzTest {

    private static final FileInterest EVERY_FILE = new FileInterest() {
        @Override
        public boolean wants(String path) {
            return true;
        }

        @Override
        public void accept(LayerFile file, InputStream content) throws java.io.IOException {
            content.transferTo(java.io.OutputStream.nullOutputStream());
        }
    };

    @FuzzTest
    void layers(byte[] input) throws Exception {
        List<LayerBlobsSource.Blob> blobs = new ArrayList<>();
        for (byte[] layer : Parts.split(input, 3)) {
            blobs.add(new LayerBlobsSource.Blob(Digest.sha256Of(layer), "application/vnd.oci.image.layer.v1.tar", layer.length,
                    () -> new ByteArrayInputStream(layer)));
        }
        try (LayerBlobsSource source = LayerBlobsSource.open("fuzz manifest", Digest.sha256Of(input),
                Platform.LINUX_AMD64, blobs)) {
            FileTree tree = new LayerWalker(1, ImageLimits.DEFAULT).walk(source, List.of(EVERY_FILE)).tree();
            for (FileNode node : tree.nodes()) {
                tree.resolve(node.path());
            }
        } catch (ImageException expected) {
            // bad input, reported as such
        }
    }
}
