package io.plimsoll.image.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SharedCorpusTest {

    @TempDir
    Path top;

    @Test
    void findsSharedBesideAnAncestor() throws IOException {
        Files.createDirectories(top.resolve("shared/corpus"));
        Path module = Files.createDirectories(top.resolve("checkout/module"));

        assertThat(SharedCorpus.searchUpFrom(module)).contains(top.resolve("shared"));
    }

    @Test
    void findsSharedWhenStartingInsideIt() throws IOException {
        Path inside = Files.createDirectories(top.resolve("shared/corpus/versions"));

        assertThat(SharedCorpus.searchUpFrom(inside)).contains(top.resolve("shared"));
    }

    @Test
    void ignoresASharedFolderWithoutCorpus() throws IOException {
        Files.createDirectories(top.resolve("checkout/shared"));
        Files.createDirectories(top.resolve("shared/corpus"));
        Path module = Files.createDirectories(top.resolve("checkout/module"));

        assertThat(SharedCorpus.searchUpFrom(module)).contains(top.resolve("shared"));
    }
}
