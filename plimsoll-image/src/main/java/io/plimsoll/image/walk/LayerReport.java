package io.plimsoll.image.walk;

import io.plimsoll.image.Layer;
import io.plimsoll.image.layer.LayerSummary;

/**
 * What the walk learnt about one layer.
 *
 * @param files       regular files, directories, links and devices the layer writes (whiteouts not counted)
 * @param whiteouts   paths the layer deletes from the layers below
 * @param opaqueDirs  directories whose lower contents the layer hides
 * @param reusedFrom  the index of an earlier identical layer whose reading was reused, or -1
 */
public record LayerReport(Layer layer, LayerSummary summary, long files, long whiteouts, long opaqueDirs,
                          int reusedFrom) {
}
