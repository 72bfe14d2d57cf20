package io.plimsoll.image;

import io.plimsoll.image.registry.RegistryReference;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Parses the reference syntax users know from skopeo and syft.
 *
 * <p>A bare argument is a path when something exists there; otherwise, when it reads as an image name
 * ({@code alpine:3.19}, {@code 127.0.0.1:5000/app:1}), it is pulled from its registry as Trivy, Grype and docker
 * read it. What is written as a path stays one, so a mistyped file name is an error about the file and never a
 * request to Docker Hub: an argument that starts with {@code /}, {@code .} or {@code ~}, or ends as an archive or
 * document does ({@code app.tar}, {@code sbom.json}). {@code registry:} and {@code docker://} always pull.
 */
public final class ImageReferences {

    private ImageReferences() {
    }

    public static ImageReference parse(String text) throws ImageException {
        if (text == null || text.isBlank()) {
            throw new ImageException("(image reference)", "empty image reference");
        }
        if (text.startsWith("registry:") || text.startsWith("docker://")) {
            return new ImageReference.Registry(text, RegistryReference.parse(text));
        }
        int colon = text.indexOf(':');
        String transport = colon > 0 ? text.substring(0, colon) : "";
        String rest = colon > 0 ? text.substring(colon + 1) : text;
        switch (transport) {
            case "docker-archive" -> {
                PathAndSelector ps = splitPath(text, rest);
                return new ImageReference.DockerArchive(text, ps.path, ps.selector);
            }
            case "oci-archive" -> {
                PathAndSelector ps = splitPath(text, rest);
                return new ImageReference.OciArchive(text, ps.path, ps.selector);
            }
            case "oci" -> {
                PathAndSelector ps = splitPath(text, rest);
                return new ImageReference.OciLayout(text, ps.path, ps.selector);
            }
            case "dir" -> {
                return new ImageReference.RootfsDir(text, toPath(text, rest));
            }
            case "docker", "docker-daemon", "podman" -> {
                if (rest.isBlank()) {
                    throw new ImageException(text, "missing image name after '" + transport + ":'");
                }
                return new ImageReference.Daemon(text, transport.equals("podman") ? "podman" : "docker", rest);
            }
            case "containerd" -> throw new ImageException(text,
                    "the '" + transport + ":' source is not supported yet; for a registry write registry:IMAGE or "
                            + "docker://IMAGE, for Docker or podman docker:IMAGE or podman:IMAGE, else export the image to a tar first");
            default -> {
                Path path = toPath(text, text);
                if (Files.exists(path)) {
                    return new ImageReference.AutoDetect(text, path);
                }
                boolean imageName = looksLikeImageName(text);
                if (imageName && !writtenAsPath(text)) {
                    return new ImageReference.Registry(text, RegistryReference.parse(text));
                }
                throw new ImageException(text, "no such file or directory" + (imageName
                        ? " (for an image in a registry write registry:" + text + ")"
                        : " (use docker-archive:FILE, oci-archive:FILE, oci:DIR, dir:DIR or registry:IMAGE)"));
            }
        }
    }

    /** A file name as users write one: never guessed to be an image in a registry. */
    private static boolean writtenAsPath(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return text.startsWith("/") || text.startsWith(".") || text.startsWith("~") || text.contains("\\")
                || lower.matches(".*\\.(tar|tar\\.gz|tgz|tar\\.zst|tar\\.zstd|zip|json|xml|ya?ml|spdx|cdx)");
    }

    private static boolean looksLikeImageName(String text) {
        try {
            RegistryReference.parse(text);
            return true;
        } catch (ImageException e) {
            return false;
        }
    }

    private record PathAndSelector(Path path, Optional<String> selector) {
    }

    /**
     * Splits {@code path[:selector]}. A path may itself hold colons, so the split is at the first colon
     * whose left side names an existing file; if none does, the whole text is the path and opening it
     * will say it is missing.
     */
    private static PathAndSelector splitPath(String text, String rest) throws ImageException {
        if (rest.isEmpty()) {
            throw new ImageException(text, "missing path after the transport prefix");
        }
        if (Files.exists(toPath(text, rest))) {
            return new PathAndSelector(toPath(text, rest), Optional.empty());
        }
        for (int i = rest.indexOf(':'); i > 0; i = rest.indexOf(':', i + 1)) {
            Path candidate = toPath(text, rest.substring(0, i));
            if (Files.exists(candidate)) {
                String selector = rest.substring(i + 1);
                return new PathAndSelector(candidate, selector.isEmpty() ? Optional.empty() : Optional.of(selector));
            }
        }
        return new PathAndSelector(toPath(text, rest), Optional.empty());
    }

    private static Path toPath(String text, String path) throws ImageException {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new ImageException(text, "not a valid path: " + e.getReason());
        }
    }
}
