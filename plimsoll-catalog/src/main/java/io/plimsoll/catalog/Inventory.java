package io.plimsoll.catalog;

import io.plimsoll.image.Image;
import io.plimsoll.image.walk.WalkResult;
import io.plimsoll.model.Distro;
import java.util.List;
import java.util.Optional;

/** What is installed in an image: its distro and every package the catalogers found, sorted. */
public record Inventory(Image image, Optional<Distro> distro, List<Package> packages, List<String> warnings,
                        WalkResult walk) {

    public Inventory {
        packages = List.copyOf(packages);
        warnings = List.copyOf(warnings);
    }
}
