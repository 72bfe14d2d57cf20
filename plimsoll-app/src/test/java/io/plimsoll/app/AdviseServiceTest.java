package io.plimsoll.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.SkippedPaths;
import io.plimsoll.image.Image;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.advice.Advice;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.advice.PackageAdvice;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.store.StoreBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base-or-own attribution through a whole scan: a Debian base layer with zlib, the base's CMD, then the image's own
 * {@code RUN apt-get install libssl3} and CMD. Both packages are vulnerable; zlib is the base's, libssl3 ours.
 */
class AdviseServiceTest {

    private static final String OWN_STEP = "RUN /bin/sh -c apt-get install -y libssl3 # buildkit";

    @TempDir
    Path tmp;

    @Test
    void theBaseAnnotationNamesTheBaseAndTheHistoryBoundsIt() throws Exception {
        Path layout = image().annotation(BaseImage.BASE_NAME, "docker.io/library/debian:12")
                .annotation(BaseImage.BASE_DIGEST, "sha256:" + "ab".repeat(32))
                .writeOciLayout(tmp.resolve("oci"), "app:1");
        Advice advice = advise("oci:" + layout, BaseImage::of);
        assertThat(advice.base().name()).hasValue("docker.io/library/debian:12");
        assertThat(advice.base().digest()).hasValue("sha256:" + "ab".repeat(32));
        assertThat(advice.base().how()).isEqualTo("annotation");
        assertOwnAndBase(advice);
    }

    @Test
    void withoutAnAnnotationTheLastFromIsTheBoundary() throws Exception {
        Path archive = image().writeDockerArchive(tmp.resolve("app.tar"), "app:1");
        Advice advice = advise("docker-archive:" + archive, BaseImage::of);
        assertThat(advice.base().name()).isEmpty();
        assertThat(advice.base().how()).isEqualTo("history");
        assertOwnAndBase(advice);
    }

    @Test
    void anExplicitBaseIsComparedLayerByLayer() throws Exception {
        Path archive = image().withoutHistory().writeDockerArchive(tmp.resolve("app.tar"), "app:1");
        Path base = TestImage.create().layer(baseLayer(), Compressor.GZIP, "ADD file:debian in /")
                .writeOciLayout(tmp.resolve("base"), "debian:12");
        Image baseImage;
        try (ImageSource s = ImageSources.open(ImageReferences.parse("oci:" + base), ImageOptions.DEFAULT)) {
            baseImage = s.image();
        }
        // no history at all: only the layers tell, and the step is unknown
        assertThat(advise("docker-archive:" + archive, BaseImage::of).base().how()).isEqualTo("unknown");
        Advice advice = advise("docker-archive:" + archive, img -> BaseImage.of(img, baseImage, "oci:" + base));
        assertThat(advice.base().layers()).hasValue(1);
        assertThat(advice.base().how()).isEqualTo("base-image");
        assertThat(pkg(advice, "zlib1g").origin().action()).isEqualTo("rebuild on a newer base");
        assertThat(pkg(advice, "libssl3").origin().action()).isEqualTo("change layer 1");
    }

    private static void assertOwnAndBase(Advice advice) {
        assertThat(advice.base().layers()).hasValue(1);
        PackageAdvice zlib = pkg(advice, "zlib1g");
        assertThat(zlib.origin().base()).hasValue(true);
        assertThat(zlib.origin().action()).isEqualTo("rebuild on a newer base");
        PackageAdvice libssl = pkg(advice, "libssl3");
        assertThat(libssl.origin().base()).hasValue(false);
        assertThat(libssl.origin().layer()).isEqualTo(1);
        assertThat(libssl.origin().action()).isEqualTo("change layer 1 (RUN apt-get install -y libssl3)");
        assertThat(libssl.target()).hasValueSatisfying(t -> assertThat(t.version()).isEqualTo("3.0.13-1~deb12u1"));
        assertThat(advice.summary()).isEqualTo("2 upgrades clear 2 of 2 fixable findings; every finding has a fix");
    }

    private static PackageAdvice pkg(Advice advice, String name) {
        return advice.packages().stream().filter(p -> p.pkg().name().equals(name)).findFirst().orElseThrow();
    }

    private Advice advise(String reference, Function<Image, BaseImage> base) throws Exception {
        Path db = database();
        try (SqliteVulnStore store = SqliteVulnStore.open(db);
             ImageSource source = ImageSources.open(ImageReferences.parse(reference), ImageOptions.DEFAULT)) {
            ScanRequest request = new ScanRequest(new LocalFindings(Optional.of(store), db), Set.of("debian"),
                    Duration.ofHours(72), false, DataGate.STRICT, Optional.empty(), SkippedPaths.NONE, List.of(),
                    Optional.empty(), s -> true, false, Optional.empty(), "test", w -> { });
            return new ScanService(request, base).scan(new ScanInput.OpenedImage(source,
                    new LayerWalker(1, ImageOptions.DEFAULT.limits()))).report().advice().orElseThrow();
        }
    }

    private static TestImage image() {
        TestLayer own = TestLayer.create().file("var/lib/dpkg/status", ZLIB + LIBSSL);
        return TestImage.create().layer(baseLayer(), Compressor.GZIP, "/bin/sh -c #(nop) ADD file:debian in / ")
                .emptyStep("/bin/sh -c #(nop)  CMD [\"bash\"]")
                .layer(own, Compressor.GZIP, OWN_STEP)
                .emptyStep("CMD [\"/app\"]");
    }

    private static TestLayer baseLayer() {
        return TestLayer.create().file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n")
                .file("var/lib/dpkg/status", ZLIB);
    }

    private static final String ZLIB = "Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\n"
            + "Source: zlib\nVersion: 1:1.2.13.dfsg-1\n\n";
    private static final String LIBSSL = "Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\n"
            + "Source: openssl\nVersion: 3.0.11-1~deb12u2\n\n";

    private Path database() throws Exception {
        Path file = tmp.resolve("vuln.db");
        if (file.toFile().exists()) {
            return file;
        }
        try (StoreBuilder b = StoreBuilder.create(file)) {
            var debian = b.sink("debian");
            debian.advisory(Advisory.of("CVE-2022-37434", "debian"));
            debian.affected(AffectedPackage.fixedIn("CVE-2022-37434", "debian", "debian:12", "zlib", "deb",
                    "1:1.2.13.dfsg-2"));
            debian.advisory(Advisory.of("CVE-2024-0727", "debian"));
            debian.affected(AffectedPackage.fixedIn("CVE-2024-0727", "debian", "debian:12", "openssl", "deb",
                    "3.0.13-1~deb12u1"));
            b.succeeded("debian", "https://security-tracker.debian.org/", Map.of(), "");
            b.commit();
        }
        return file;
    }
}
