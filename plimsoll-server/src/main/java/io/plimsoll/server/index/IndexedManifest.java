package io.plimsoll.server.index;

import io.plimsoll.catalog.Package;
import io.plimsoll.model.Distro;
import java.util.List;
import java.util.Optional;

/** What matching needs of one indexed manifest: its distro and packages (with the layer each came from). */
public record IndexedManifest(String digest, Optional<Distro> distro, List<Package> packages) {

    public IndexedManifest {
        packages = List.copyOf(packages);
    }
}
