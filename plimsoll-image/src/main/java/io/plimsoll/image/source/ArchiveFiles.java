package io.plimsoll.image.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * The files of an image container format, whether it is packed in a tar or laid out in a directory:
 * {@code manifest.json}, {@code index.json}, {@code blobs/sha256/…}. Paths are relative, with '/' separators.
 */
interface ArchiveFiles extends Closeable {

    /** The file's size, or empty if the archive has no such regular file. */
    OptionalLong size(String path);

    /** Opens a file afresh; safe to call from several threads at once. */
    InputStream open(String path) throws IOException;

    /** How messages name a file inside: {@code app.tar:blobs/sha256/ab…}. */
    String describe(String path);

    /** How messages name the archive itself. */
    String name();
}
