package io.plimsoll.ecosystem;

import io.plimsoll.catalog.Package;
import io.plimsoll.model.Distro;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a feed one package's lookups need beyond the feed as a whole, as the ecosystem that files them knows:
 * an Amazon Linux 2 package yum installed from an extras topic is looked up in that topic's rows only, which the
 * feed reads (or fails to read) apart from core's, so the image needs {@code amazon/extras/docker} and not just
 * {@code amazon}. The data gate judges each part by its own age and error, as it does OSV's ecosystems.
 */
@FunctionalInterface
public interface SourceParts {

    /** An ecosystem whose packages need their feed as a whole only. */
    SourceParts NONE = (pkg, distro) -> List.of();

    /**
     * One part a package needs.
     *
     * @param name      as the feed records it and the gate names it: {@code amazon/extras/docker}
     * @param namespace where the part's rows are filed ({@code amzn:2:extras:docker}): a part that was read holds
     *                  all of that namespace's data, even when that is no row at all
     */
    record Part(String name, String namespace) {
    }

    /** The parts {@code pkg} (of an image of {@code distro}) needs; empty for most packages. */
    List<Part> needed(Package pkg, Optional<Distro> distro);
}
