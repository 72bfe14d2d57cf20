package io.plimsoll.fuzz.lang;

import io.plimsoll.catalog.CatalogException;
import io.plimsoll.catalog.Cataloger;
import java.util.Arrays;
import java.util.List;

/**
 * One fuzz input as one file of a family: the first byte picks the file's path (modulo the family's paths), the
 * rest is its content. The path decides the format, so one target covers every format of a family and the fuzzer
 * can carry a mutation from one format to another.
 */
final class OneFile {

    private OneFile() {
    }

    static String path(byte[] input, List<String> paths) {
        return paths.get(input.length == 0 ? 0 : Byte.toUnsignedInt(input[0]) % paths.size());
    }

    static byte[] content(byte[] input) {
        return input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
    }

    /**
     * Two files from one content: up to the first NUL byte the first, after it (if there is one) the second, so
     * a target can give a cataloger a file and the file it reads beside it.
     */
    static FilesInput pair(String first, String second, byte[] content) {
        int nul = 0;
        while (nul < content.length && content[nul] != 0) {
            nul++;
        }
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put(first, Arrays.copyOfRange(content, 0, nul));
        if (nul < content.length) {
            files.put(second, Arrays.copyOfRange(content, nul + 1, content.length));
        }
        return new FilesInput(files);
    }

    /**
     * Runs {@code cataloger} over the file the way the engine does (only if it wants the path). Bad input must come
     * back as warnings in the result or as the stage's {@link CatalogException}; anything else escapes as a finding.
     */
    static void catalog(Cataloger cataloger, List<String> paths, byte[] input) {
        catalog(cataloger, FilesInput.of(path(input, paths), content(input)));
    }

    static void catalog(Cataloger cataloger, FilesInput files) {
        for (String path : files.files().keySet()) {
            if (!cataloger.wants().test(path)) {
                throw new AssertionError(cataloger.name() + " does not want " + path + ": the target is wrong");
            }
        }
        if (cataloger instanceof io.plimsoll.catalog.CondensingCataloger c) {
            // the engine hands a condensing cataloger its files condensed, on the layer thread that read them
            java.util.Map<String, byte[]> condensed = new java.util.LinkedHashMap<>();
            files.files().forEach((path, bytes) -> condensed.put(path, c.condense(path, bytes)));
            files = new FilesInput(condensed);
        }
        try {
            cataloger.catalog(files);
        } catch (CatalogException expected) {
            // bad input reported as the stage reports it
        }
    }
}
