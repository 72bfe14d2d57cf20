package io.plimsoll.image;

import io.plimsoll.model.Digest;
import java.util.Optional;

/**
 * A layer as the manifest describes it.
 *
 * @param digest    the blob's digest (absent only for a root filesystem directory)
 * @param mediaType as the manifest states it ({@code application/vnd.oci.image.layer.v1.tar+gzip}, …)
 * @param size      the blob's stored (usually compressed) size, or -1 when unknown
 * @param diffId    the digest of the uncompressed tar, from the config's rootfs
 * @param history   the Dockerfile step that created the layer, when history and layers line up
 */
public record Layer(int index, Optional<Digest> digest, String mediaType, long size, Optional<Digest> diffId,
                    Optional<HistoryStep> history) {

    /** How messages name this layer: {@code layer 2 (sha256:0123456789ab)}. */
    public String label() {
        return "layer " + index + digest.map(d -> " (" + d.algorithm() + ":" + d.shortHex() + ")").orElse("");
    }
}
