package io.plimsoll.image.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.SourceKind;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.image.walk.WalkResult;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Platform;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerBlobsSourceTest {

    private static final String TAR = "application/vnd.oci.image.layer.v1.tar";
    private static final Digest MANIFEST = Digest.sha256Of(new byte[] {1});

    private static LayerBlobsSource.Blob blob(byte[] bytes, String mediaType) {
        return new LayerBlobsSource.Blob(Digest.sha256Of(bytes), mediaType, bytes.length,
                () -> new ByteArrayInputStream(bytes));
    }

    @Test
    void layersGivenAsBlobsAreWalkedInOrderWithTheirDigests() throws Exception {
        // the media type may understate the compression: a gzip blob declared a plain tar is still read
        byte[] base = Compressor.GZIP.apply(TestLayer.create().file("etc/os-release", "ID=test\n")
                .file("etc/motd", "hello\n").tar());
        byte[] top = TestLayer.create().whiteout("etc/motd").file("app/run", "x").tar();
        try (LayerBlobsSource source = LayerBlobsSource.open("manifest " + MANIFEST, MANIFEST, Platform.LINUX_AMD64,
                List.of(blob(base, TAR), blob(top, TAR)))) {
            assertThat(source.image().kind()).isEqualTo(SourceKind.LAYER_BLOBS);
            assertThat(source.image().manifestDigest()).contains(MANIFEST);
            assertThat(source.image().layers()).extracting(l -> l.digest().orElseThrow())
                    .containsExactly(Digest.sha256Of(base), Digest.sha256Of(top));
            WalkResult r = new LayerWalker(2, ImageLimits.DEFAULT).walk(source, List.of());
            assertThat(r.tree().get("/etc/os-release")).isPresent();
            assertThat(r.tree().get("/etc/motd")).isEmpty();
            assertThat(r.tree().get("/app/run")).hasValueSatisfying(n -> assertThat(n.layer()).isEqualTo(1));
        }
    }

    @Test
    void aBlobThatIsNotItsDigestOrNotALayerIsAnErrorNamingTheLayer() throws Exception {
        byte[] tar = TestLayer.create().file("a", "b").tar();
        LayerBlobsSource.Blob lying = new LayerBlobsSource.Blob(Digest.sha256Of(new byte[] {9}), TAR, tar.length,
                () -> new ByteArrayInputStream(tar));
        try (LayerBlobsSource source = LayerBlobsSource.open("manifest m", MANIFEST, Platform.LINUX_AMD64,
                List.of(lying))) {
            assertThatThrownBy(() -> new LayerWalker(1, ImageLimits.DEFAULT).walk(source, List.of()))
                    .isInstanceOf(ImageException.class).hasMessageContaining("manifest m: layer 0");
        }
        assertThatThrownBy(() -> LayerBlobsSource.open("manifest m", MANIFEST, Platform.LINUX_AMD64,
                List.of(blob(tar, "application/vnd.cncf.helm.chart.content.v1.tar+gzip"))))
                .isInstanceOf(ImageException.class).hasMessageContaining("manifest m (layer 0)")
                .hasMessageContaining("not a container image layer");
    }
}
