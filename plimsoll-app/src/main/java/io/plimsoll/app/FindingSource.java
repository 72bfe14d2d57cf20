package io.plimsoll.app;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.vuln.advice.Advice;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a scan's findings and the state of their data come from: the local SQLite store ({@link LocalFindings}) or a
 * Plimsoll server (the CLI's remote layer). The walk hooks let a remote source check and upload the image's layers
 * while the image is open.
 */
public interface FindingSource {

    /** Called with the opened image before its layers are walked: refuse here what cannot be scanned at all. */
    default void beforeWalk(ImageSource source) {
    }

    /** Called after the walk, the image still open (a server gets the layer blobs it lacks here). */
    default void afterWalk(ImageSource source) {
    }

    /** The state of the data the image needs ({@code expected}: sources and parts such as {@code osv/PyPI}). */
    DataFreshness freshness(List<String> expected, Duration maxAge, Instant now);

    /**
     * The OS release namespaces the image's packages would be looked up in that the data has no row for
     * ({@code rocky:10} when the rocky feed publishes 8 and 9 only); empty when the source cannot tell.
     */
    default List<String> releasesWithoutData(Inventory inventory) {
        return List.of();
    }

    /** Why there is no data at all, when that is so (reports say it above the findings). */
    default Optional<String> problem() {
        return Optional.empty();
    }

    /** The findings for the inventory's packages, before VEX and the ignore file. */
    List<Finding> findings(Inventory inventory);

    /** Fix advice for {@code findings}, when this source has the data to compute it (a server's does not yet). */
    default Optional<Advice> advice(Inventory inventory, List<Finding> findings, BaseImage base) {
        return Optional.empty();
    }
}
