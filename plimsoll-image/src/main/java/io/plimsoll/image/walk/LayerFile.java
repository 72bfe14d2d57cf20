package io.plimsoll.image.walk;

import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.model.Digest;
import java.util.Optional;

/**
 * A regular file as one layer wrote it, handed to the consumers that asked for it.
 *
 * @param path        the path the consumer asked for (for a hard link: the link's path, with its target's bytes)
 * @param layer       index of the layer (the first one, when identical layers repeat)
 * @param layerDigest the layer's digest, the key under which what is learnt from it can be reused
 */
public record LayerFile(String path, int layer, Optional<Digest> layerDigest, LayerEntry entry) {
}
