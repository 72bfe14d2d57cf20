package io.plimsoll.catalog;

import io.plimsoll.model.Distro;
import java.util.Optional;
import java.util.function.Predicate;

/** Detects the distro from release files; runs before the catalogers, which need it for PURLs. */
public interface DistroProbe {

    Predicate<String> wants();

    Optional<Distro> detect(CatalogInput input);

    /** A probe that reads no file and says the distro is none: for images whose distro is beside the point. */
    DistroProbe NONE = given(Optional.empty());

    /** A probe that reads no file and answers {@code distro}. */
    static DistroProbe given(Optional<Distro> distro) {
        return new DistroProbe() {
            @Override
            public Predicate<String> wants() {
                return p -> false;
            }

            @Override
            public Optional<Distro> detect(CatalogInput input) {
                return distro;
            }
        };
    }
}
