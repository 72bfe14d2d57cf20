package io.plimsoll.image.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CollectedFilesTest {

    static void accept(CollectedFiles c, String path, int layer, String content) throws IOException {
        c.accept(new LayerFile(path, layer, Optional.empty(), null), new ByteArrayInputStream(content.getBytes()));
    }

    @Test
    void layersInOrderAndPathsSortedOnce() throws IOException {
        CollectedFiles c = new CollectedFiles(p -> true, 1024);
        accept(c, "/b", 2, "b2");
        accept(c, "/a", 1, "a1");
        accept(c, "/b", 0, "b0");
        accept(c, "/b", 2, "b2 again");
        assertThat(c.paths()).containsExactly("/a", "/b");
        assertThat(c.layers("/b")).containsExactly(0, 2);
        assertThat(c.layers("/missing")).isEmpty();
        assertThat(c.in("/b", 2)).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("b2 again"));
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // quadratic code fails, not hangs
    void everyPathsLayersAreFoundWithoutScanningEveryFile() throws IOException {
        // node_modules: tens of thousands of package.json files, each asked for once
        CollectedFiles c = new CollectedFiles(p -> true, 1024);
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            accept(c, "/app/node_modules/p" + i + "/package.json", i % 3, "{}");
        }
        int found = 0;
        for (String p : c.paths()) {
            found += c.layers(p).size();
        }
        assertThat(found).isEqualTo(n);
    }
}
