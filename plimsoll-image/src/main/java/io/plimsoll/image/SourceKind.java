package io.plimsoll.image;

/** Where an image was read from. */
public enum SourceKind {
    DOCKER_ARCHIVE("docker-archive"),
    OCI_ARCHIVE("oci-archive"),
    OCI_LAYOUT("oci"),
    ROOTFS_DIR("dir"),
    REGISTRY("registry"),
    /** Layer blobs given one by one with their digests (a Clair index request): no manifest or config to read. */
    LAYER_BLOBS("blobs"),
    /** Not an image at all: an SBOM read by {@code scan sbom:FILE}, standing in for the image it describes. */
    SBOM("sbom");

    private final String prefix;

    SourceKind(String prefix) {
        this.prefix = prefix;
    }

    /** The reference prefix users write for this kind. */
    public String prefix() {
        return prefix;
    }
}
