package io.plimsoll.image.source;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReference;
import io.plimsoll.image.SourceKind;
import io.plimsoll.image.layer.Compression;
import io.plimsoll.image.registry.DockerConfig;
import io.plimsoll.image.registry.RegistryClient;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.model.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Opens whatever a reference points at, deciding the format from the contents when the user did not say. */
public final class ImageSources {

    private ImageSources() {
    }

    public static ImageSource open(ImageReference reference, ImageOptions options) throws ImageException {
        return open(reference, options, null);
    }

    /**
     * Opens {@code reference}; {@code registry} holds the credentials and insecure hosts given on the command line
     * (null: anonymous, plus whatever {@code ~/.docker/config.json} has).
     */
    public static ImageSource open(ImageReference reference, ImageOptions options, RegistrySettings registry)
            throws ImageException {
        ImageSource source = openAny(reference, options, registry);
        try {
            checkPlatform(source, options, reference.text());
        } catch (ImageException e) {
            try {
                source.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return source;
    }

    /**
     * A single-platform image (a docker save, a plain manifest) is only what it is: asking for another platform is
     * refused before any layer is read, instead of scanning the one it has under the name of the one asked for.
     * A multi-platform index already chose by platform; a root filesystem says none.
     */
    private static void checkPlatform(ImageSource source, ImageOptions options, String subject) throws ImageException {
        if (options.platform().isEmpty()) {
            return;
        }
        Platform wanted = options.platform().get().normalized();
        Platform has = source.image().platform().normalized();
        if (has.os().equals("unknown") || has.architecture().equals("unknown") || has.os().isEmpty()) {
            return;
        }
        boolean same = wanted.variant().isEmpty()
                ? wanted.os().equals(has.os()) && wanted.architecture().equals(has.architecture())
                : wanted.equals(has);
        if (!same) {
            throw new ImageException(subject, "has no image for platform " + wanted + " (available: " + has + ")");
        }
    }

    private static ImageSource openAny(ImageReference reference, ImageOptions options, RegistrySettings registry)
            throws ImageException {
        if (reference instanceof ImageReference.DockerArchive r) {
            return DockerArchiveSource.open(tar(r.path(), options), r.text(), r.image(), options);
        }
        if (reference instanceof ImageReference.OciArchive r) {
            return OciLayoutSource.open(tar(r.path(), options), SourceKind.OCI_ARCHIVE, r.text(), r.tag(), options);
        }
        if (reference instanceof ImageReference.OciLayout r) {
            return OciLayoutSource.open(layoutDir(r.path()), SourceKind.OCI_LAYOUT, r.text(), r.tag(), options);
        }
        if (reference instanceof ImageReference.RootfsDir r) {
            return RootfsDirSource.open(r.path(), r.text());
        }
        if (reference instanceof ImageReference.Registry r) {
            RegistryClient client = new RegistryClient(registry != null ? registry
                    : RegistrySettings.defaults(DockerConfig.fromEnvironment()));
            return RegistrySource.open(r.reference(), r.text(), client, options);
        }
        if (reference instanceof ImageReference.Daemon r) {
            return EngineSave.open(r, options, System.getenv(), EngineSave.STALL);
        }
        return detect((ImageReference.AutoDetect) reference, options);
    }

    private static ImageSource detect(ImageReference.AutoDetect r, ImageOptions options) throws ImageException {
        Path path = r.path();
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve("index.json")) && Files.isRegularFile(path.resolve("oci-layout"))) {
                return OciLayoutSource.open(new DirectoryArchiveFiles(path), SourceKind.OCI_LAYOUT, r.text(),
                        Optional.empty(), options);
            }
            return RootfsDirSource.open(path, r.text());
        }
        if (!Files.isRegularFile(path)) {
            throw new ImageException(path.toString(), "neither a regular file nor a directory");
        }
        TarArchiveFiles files = tar(path, options);
        if (files.size("manifest.json").isPresent()) {
            return DockerArchiveSource.open(files, r.text(), Optional.empty(), options);
        }
        if (files.size("index.json").isPresent()) {
            return OciLayoutSource.open(files, SourceKind.OCI_ARCHIVE, r.text(), Optional.empty(), options);
        }
        throw new ImageException(path.toString(), "a tar archive, but not an image: it has neither manifest.json "
                + "(docker save) nor index.json (OCI layout)");
    }

    private static DirectoryArchiveFiles layoutDir(Path path) throws ImageException {
        if (!Files.isDirectory(path)) {
            throw new ImageException(path.toString(), Files.exists(path)
                    ? "not a directory (for an OCI layout in a tar, use oci-archive:)" : "no such directory");
        }
        if (!Files.isRegularFile(path.resolve("index.json"))) {
            throw new ImageException(path.toString(), "not an OCI image layout (no index.json)");
        }
        return new DirectoryArchiveFiles(path);
    }

    private static TarArchiveFiles tar(Path path, ImageOptions options) throws ImageException {
        if (!Files.exists(path)) {
            throw new ImageException(path.toString(), "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new ImageException(path.toString(), "a directory, not an archive (for an OCI layout directory use oci:, "
                    + "for a root filesystem dir:)");
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            throw new ImageException(path.toString(), "cannot read (" + e.getMessage() + ")", e);
        }
        if (n == 0) {
            throw new ImageException(path.toString(), "empty file, not an image archive");
        }
        Compression c = Compression.sniff(head, n);
        if (c != Compression.NONE) {
            throw new ImageException(path.toString(), "a " + c.name().toLowerCase(java.util.Locale.ROOT)
                    + "-compressed file: decompress it first (e.g. gunzip or zstd -d), image archives are read uncompressed");
        }
        return TarArchiveFiles.index(path, options.limits().maxEntries());
    }
}
