package io.plimsoll.catalog;

import io.plimsoll.model.Distro;
import java.util.Optional;
import java.util.function.Predicate;

/** Detects the distro from release files; runs before the catalogers, which need it for PURLs. */
public interface DistroProbe {

    Predicate<String> wants();

    Optional<Distro> detect(CatalogInput input);
}
