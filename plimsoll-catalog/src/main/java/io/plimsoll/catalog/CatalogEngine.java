package io.plimsoll.catalog;

import io.plimsoll.image.Image;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.tree.FileTree;
import io.plimsoll.image.tree.Lookup;
import io.plimsoll.image.walk.CollectedFiles;
import io.plimsoll.image.walk.FileInterest;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.image.walk.WalkResult;
import io.plimsoll.model.Distro;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs the distro probe and every cataloger over one walk of an image: each names the files it needs, the walker
 * streams the layers once, then each cataloger reads what was collected for it.
 */
public final class CatalogEngine {

    private static final Comparator<Package> ORDER = Comparator.comparing(Package::type).thenComparing(Package::name)
            .thenComparing(Package::version).thenComparing(Package::arch).thenComparing(Package::location);

    private final DistroProbe probe;
    private final List<Cataloger> catalogers;

    public CatalogEngine(DistroProbe probe, List<Cataloger> catalogers) {
        this.probe = probe;
        this.catalogers = List.copyOf(catalogers);
    }

    public Inventory run(ImageSource source, LayerWalker walker) throws ImageException, CatalogException {
        CollectedFiles distroFiles = new CollectedFiles(probe.wants(), 4 << 20);
        List<CollectedFiles> collected = new ArrayList<>();
        for (Cataloger c : catalogers) {
            collected.add(new CollectedFiles(c.wants(), c.maxFileSize()));
        }
        List<FileInterest> interests = new ArrayList<>(collected);
        interests.add(distroFiles);
        WalkResult walk = walker.walk(source, interests);

        Optional<Distro> distro = probe.detect(new Input(walk.image(), walk.tree(), Optional.empty(), distroFiles));
        List<Package> packages = new ArrayList<>();
        List<String> warnings = new ArrayList<>(walk.warnings());
        for (int i = 0; i < catalogers.size(); i++) {
            Cataloger.Result r = catalogers.get(i).catalog(new Input(walk.image(), walk.tree(), distro, collected.get(i)));
            packages.addAll(r.packages());
            warnings.addAll(r.warnings());
        }
        packages.sort(ORDER);
        return new Inventory(walk.image(), distro, packages, warnings, walk);
    }

    /** What one cataloger sees: its own collected files over the shared tree. */
    private record Input(Image image, FileTree tree, Optional<Distro> distro, CollectedFiles files)
            implements CatalogInput {

        @Override
        public Optional<byte[]> squashed(String path) {
            return files.squashed(tree, path);
        }

        @Override
        public List<FileVersion> versions(String path) {
            List<FileVersion> out = new ArrayList<>();
            for (int layer : files.layers(path)) {
                files.in(path, layer).ifPresent(b -> out.add(new FileVersion(path, layer, b)));
            }
            return out;
        }

        @Override
        public List<String> paths() {
            return files.paths().stream().filter(p -> tree.resolve(p) instanceof Lookup.Found f
                    && f.node().type() == FileType.REGULAR && f.path().equals(p)).toList();
        }
    }
}
