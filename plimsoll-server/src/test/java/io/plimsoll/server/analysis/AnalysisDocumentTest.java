package io.plimsoll.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.tree.FileNode;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.policy.content.ContentScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored analysis reads back as the same inventory, file tree and content findings. */
class AnalysisDocumentTest {

    @TempDir
    Path tmp;

    @Test
    void anAnalysisSurvivesItsStoredForm() throws Exception {
        Path layout = AnalysisTesting.alpine("doc")
                .layer(TestLayer.create().file("usr/bin/su", "#!/bin/sh\n".getBytes(), 04755)
                        .symlink("bin/sh", "/bin/busybox").whiteout("etc/passwd"), Compressor.ZSTD,
                        "/bin/sh -c rm /etc/passwd")
                .user("app").writeOciLayout(tmp.resolve("img"), null);
        ContentScanner scanner = new ContentScanner();
        List<Cataloger> catalogers = new ArrayList<>(Ecosystems.catalogers());
        catalogers.add(scanner);
        Inventory inv;
        try (ImageSource s = ImageSources.open(ImageReferences.parse("oci:" + layout), ImageOptions.DEFAULT)) {
            inv = new CatalogEngine(Ecosystems.distroProbe(), catalogers).run(s, LayerWalker.defaults());
        }
        AnalysisDocument doc = new AnalysisDocument(inv, scanner.findings());
        AnalysisDocument back = AnalysisDocument.decode(doc.encode());

        assertThat(back.inventory().image()).isEqualTo(inv.image());
        assertThat(back.inventory().distro()).isEqualTo(inv.distro());
        assertThat(back.inventory().packages()).isEqualTo(inv.packages()).isNotEmpty();
        assertThat(back.inventory().walk().layers()).isEqualTo(inv.walk().layers());
        assertThat(back.content()).isEqualTo(doc.content());
        assertThat(back.content().secrets()).isNotEmpty();
        List<FileNode> nodes = new ArrayList<>(inv.walk().tree().nodes());
        assertThat(new ArrayList<>(back.inventory().walk().tree().nodes())).isEqualTo(nodes);
        assertThat(back.inventory().walk().tree().get("/etc/passwd")).isEmpty();
        assertThat(back.inventory().walk().tree().get("/usr/bin/su").orElseThrow().isSetuid()).isTrue();
    }
}
