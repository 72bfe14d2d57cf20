package io.plimsoll.image.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.SourceKind;
import io.plimsoll.image.walk.LayerWalker;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The image metadata an archive or layout hands us: the OCI index graph (index → index → manifest → config), the
 * docker-archive manifest.json, and the image config. See {@link MemoryArchiveFiles} for how one input becomes a
 * content-addressed archive. An opened image is walked too (layers listed many times, layers that are not tars).
 */
class ImageMetadataFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest
    void ociLayout(byte[] input) throws IOException {
        MemoryArchiveFiles files = new MemoryArchiveFiles(input, "index.json");
        try (OciLayoutSource source = OciLayoutSource.open(files, SourceKind.OCI_ARCHIVE, "fuzz.tar", Optional.empty(),
                ImageOptions.DEFAULT)) {
            walk(source);
        } catch (ImageException expected) {
            // bad input, reported as such
        }
    }

    @FuzzTest
    void dockerArchive(byte[] input) throws IOException {
        MemoryArchiveFiles files = new MemoryArchiveFiles(input, "manifest.json");
        try (DockerArchiveSource source = DockerArchiveSource.open(files, "fuzz.tar", Optional.empty(),
                ImageOptions.DEFAULT)) {
            walk(source);
        } catch (ImageException expected) {
            // bad input, reported as such
        }
    }

    @FuzzTest
    void imageConfig(byte[] input) throws ImageException {
        JsonNode root;
        try {
            root = JSON.readTree(input);
        } catch (IOException notJson) {
            return; // JsonFiles refuses it (bad JSON, bad UTF-32, ...) before the config parser sees it
        }
        if (root == null || root.isMissingNode()) {
            return;
        }
        try {
            ConfigParser.parse(root, "fuzz config");
        } catch (ImageException expected) {
            // bad input, reported as such
        }
    }

    private static void walk(ImageSource source) throws ImageException {
        new LayerWalker(1, ImageOptions.DEFAULT.limits()).walk(source, List.of());
    }
}
