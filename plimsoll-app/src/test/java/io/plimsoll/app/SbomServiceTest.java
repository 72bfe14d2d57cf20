package io.plimsoll.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Scope;
import io.plimsoll.catalog.SkippedPaths;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.LayerWalker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SBOM inventory of a real image archive, in both scopes. */
class SbomServiceTest {

    @TempDir
    Path tmp;

    @Test
    void aPackageALaterLayerDeletedIsInTheAllLayersInventoryOnly() throws Exception {
        TestLayer npm = TestLayer.create().file("usr/lib/node_modules/left-pad/package.json",
                "{\"name\": \"left-pad\", \"version\": \"1.1.0\"}");
        TestLayer delete = TestLayer.create().whiteout("usr/lib/node_modules/left-pad");
        Path archive = TestImage.create().layer(npm, Compressor.GZIP, "ADD left-pad")
                .layer(delete, Compressor.GZIP, "RUN rm -r left-pad")
                .writeDockerArchive(tmp.resolve("app.tar"), "app:1");

        assertThat(inventory(archive, Scope.SQUASHED).packages()).isEmpty();
        assertThat(inventory(archive, Scope.ALL_LAYERS).packages()).extracting(Package::name)
                .containsExactly("left-pad");
    }

    private static Inventory inventory(Path archive, Scope scope) throws Exception {
        try (ImageSource source = ImageSources.open(ImageReferences.parse("docker-archive:" + archive),
                ImageOptions.DEFAULT)) {
            return new SbomService(scope, SkippedPaths.NONE).inventory(source,
                    new LayerWalker(1, ImageOptions.DEFAULT.limits()));
        }
    }
}
