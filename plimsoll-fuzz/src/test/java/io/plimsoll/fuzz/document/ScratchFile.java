package io.plimsoll.fuzz.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One file per fuzzing JVM that a target rewrites for every input, for readers whose entry point takes a path. */
final class ScratchFile {

    private ScratchFile() {
    }

    static Path write(String name, byte[] content) {
        try {
            Path file = Holder.DIR.resolve(name);
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fuzz scratch file", e);
        }
    }

    private static final class Holder {
        static final Path DIR = create();

        private static Path create() {
            try {
                Path dir = Files.createTempDirectory("plimsoll-fuzz");
                dir.toFile().deleteOnExit();
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
