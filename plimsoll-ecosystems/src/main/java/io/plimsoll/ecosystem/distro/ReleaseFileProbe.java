package io.plimsoll.ecosystem.distro;

import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.DistroProbe;
import io.plimsoll.image.tree.Lookup;
import io.plimsoll.model.Distro;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Plugs {@link DistroDetector} into the catalog engine: collect the release files, then read them. */
public final class ReleaseFileProbe implements DistroProbe {

    @Override
    public Predicate<String> wants() {
        Set<String> files = Set.copyOf(DistroDetector.FILES);
        return files::contains;
    }

    @Override
    public Optional<Distro> detect(CatalogInput input) {
        return DistroDetector.detect(input::squashed, p -> input.tree().resolve(p) instanceof Lookup.Found);
    }
}
