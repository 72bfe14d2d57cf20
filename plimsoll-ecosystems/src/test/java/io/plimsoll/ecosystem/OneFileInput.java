package io.plimsoll.ecosystem;

import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.FileVersion;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.image.Image;
import io.plimsoll.image.tree.FileTree;
import io.plimsoll.model.Distro;
import java.util.List;
import java.util.Optional;

/** A cataloger's input holding one file in one layer, for driving a cataloger without building an image. */
record OneFileInput(String path, byte[] content) implements CatalogInput {

    /** The file as {@code cataloger} is handed it by the engine: condensed, when the cataloger condenses. */
    static OneFileInput of(io.plimsoll.catalog.Cataloger cataloger, String path, byte[] content) {
        return new OneFileInput(path, cataloger instanceof io.plimsoll.catalog.CondensingCataloger c
                ? c.condense(path, content) : content);
    }

    @Override
    public Image image() {
        throw new UnsupportedOperationException("no image behind a single file");
    }

    @Override
    public FileTree tree() {
        throw new UnsupportedOperationException("no tree behind a single file");
    }

    @Override
    public Optional<Distro> distro() {
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> squashed(String p) {
        return p.equals(path) ? Optional.of(content) : Optional.empty();
    }

    @Override
    public List<FileVersion> versions(String p) {
        return p.equals(path) ? List.of(new FileVersion(path, 0, content)) : List.of();
    }

    @Override
    public List<String> paths() {
        return List.of(path);
    }

    @Override
    public boolean isLive(String file, int layer) {
        return file.equals(path);
    }

    @Override
    public io.plimsoll.catalog.Scope scope() {
        return io.plimsoll.catalog.Scope.SQUASHED;
    }

    @Override
    public Provenance provenance(int layer) {
        return new Provenance(layer, Optional.empty(), Optional.empty());
    }
}
