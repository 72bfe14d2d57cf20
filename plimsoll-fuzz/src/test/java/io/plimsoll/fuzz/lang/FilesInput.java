package io.plimsoll.fuzz.lang;

import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.FileVersion;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.catalog.Scope;
import io.plimsoll.image.Image;
import io.plimsoll.image.tree.FileTree;
import io.plimsoll.model.Distro;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cataloger's input holding a few files in one layer, so a target drives a cataloger's public entry point (the
 * way the engine does) without building an image for every execution.
 */
record FilesInput(Map<String, byte[]> files) implements CatalogInput {

    static FilesInput of(String path, byte[] content) {
        return new FilesInput(Map.of(path, content));
    }

    @Override
    public Image image() {
        throw new UnsupportedOperationException("no image behind a fuzz input");
    }

    @Override
    public FileTree tree() {
        throw new UnsupportedOperationException("no tree behind a fuzz input");
    }

    @Override
    public Optional<Distro> distro() {
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> squashed(String path) {
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public List<FileVersion> versions(String path) {
        byte[] content = files.get(path);
        return content == null ? List.of() : List.of(new FileVersion(path, 0, content));
    }

    @Override
    public List<String> paths() {
        return files.keySet().stream().sorted().toList();
    }

    @Override
    public boolean isLive(String path, int layer) {
        return files.containsKey(path);
    }

    @Override
    public Scope scope() {
        return Scope.SQUASHED;
    }

    @Override
    public Provenance provenance(int layer) {
        return new Provenance(layer, Optional.empty(), Optional.empty());
    }
}
