package io.plimsoll.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.layer.ExpansionBudget;
import io.plimsoll.image.layer.TarLayerReader;
import java.io.ByteArrayInputStream;
import java.util.Optional;

/** A layer blob (plain, gzip or zstd tar) as a registry or an archive would hand it to us. */
class LayerTarFuzzTest {

    @FuzzTest
    void layerBlob(byte[] blob) throws Exception {
        TarLayerReader reader = new TarLayerReader("fuzz layer", () -> new ByteArrayInputStream(blob),
                Optional.empty(), false);
        try {
            reader.read((entry, content) -> content.readAllBytes(), new ExpansionBudget(ImageLimits.DEFAULT));
        } catch (ImageException expected) {
            // bad input, reported as such: what we want
        }
    }
}
