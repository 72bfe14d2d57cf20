package io.plimsoll.image.layer;

import java.util.List;

/**
 * What reading a layer measured.
 *
 * @param compressedBytes bytes of the blob as stored
 * @param expandedBytes   bytes of the tar stream after decompression
 * @param entries         archive entries (whiteouts included)
 * @param warnings        what could not be read but did not stop the walk (unreadable files of a directory)
 */
public record LayerSummary(long compressedBytes, long expandedBytes, long entries, Compression compression,
                           List<String> warnings) {
    public LayerSummary {
        warnings = List.copyOf(warnings);
    }
}
