package io.plimsoll.image;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the user pointed at, before anything is opened.
 *
 * <p>Written as skopeo and syft write them: {@code docker-archive:app.tar}, {@code oci-archive:app.tar},
 * {@code oci:layout-dir[:tag]}, {@code dir:/rootfs}, or a bare path whose kind is detected when opened.
 * Registry images are written {@code registry:NAME} or {@code docker://NAME}, NAME as docker reads it; an image a
 * local engine holds {@code docker:NAME} or {@code podman:NAME}.
 */
public sealed interface ImageReference {

    /** The reference as the user wrote it, for messages. */
    String text();

    /** {@code docker save} output: a tar with manifest.json (and, since Docker 25, an OCI layout too). */
    record DockerArchive(String text, Path path, Optional<String> image) implements ImageReference { }

    /** An OCI image layout packed in a tar ({@code skopeo copy … oci-archive:…}, {@code buildah push}). */
    record OciArchive(String text, Path path, Optional<String> tag) implements ImageReference { }

    /** An OCI image layout directory (oci-layout, index.json, blobs/). */
    record OciLayout(String text, Path path, Optional<String> tag) implements ImageReference { }

    /** A root filesystem directory: a host, a chroot, an unpacked image. */
    record RootfsDir(String text, Path path) implements ImageReference { }

    /** An image in a registry ({@code registry:alpine:3.19}, {@code docker://ghcr.io/o/app@sha256:…}). */
    record Registry(String text, io.plimsoll.image.registry.RegistryReference reference) implements ImageReference { }

    /**
     * An image a container engine holds, saved through its API socket ({@code docker:alpine:3.19},
     * {@code podman:localhost/app:1}).
     *
     * @param engine {@code docker} or {@code podman}
     * @param image  the name or id as the engine's own command line takes it
     */
    record Daemon(String text, String engine, String image) implements ImageReference { }

    /** A bare path: a directory or a tar file whose kind is decided by what it holds. */
    record AutoDetect(String text, Path path) implements ImageReference { }
}
