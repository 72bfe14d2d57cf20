package io.plimsoll.server.index;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The indexed manifests, as the matcher and the notifier read them. The indexer writes them; rows of the
 * {@code manifest_package} table hold each manifest's packages under the (namespace, name) its match rules look
 * them up by, so finding the manifests an advisory may affect is an index lookup.
 */
public interface IndexedManifests {

    Optional<IndexedManifest> manifest(String digest);

    /** Digests of the manifests with a package filed under one of {@code names} in {@code namespace}. */
    Set<String> withPackages(String namespace, Collection<String> names);
}
