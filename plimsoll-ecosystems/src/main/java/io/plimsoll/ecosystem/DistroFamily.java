package io.plimsoll.ecosystem;

import java.util.Objects;
import java.util.Optional;

/**
 * A distribution an ecosystem serves, by its os-release {@code ID}, and the feed (updater name) that covers it:
 * Red Hat's data is filed as {@code redhat} for images that say {@code rhel}. A distribution whose packages Plimsoll
 * reads but no feed covers ({@code rocky}) has none, so an image of it is seen to lack data rather than pass.
 */
public record DistroFamily(String id, Optional<String> feed) {

    public DistroFamily {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(feed, "feed");
    }

    public static DistroFamily coveredBy(String id, String feed) {
        return new DistroFamily(id, Optional.of(feed));
    }

    public static DistroFamily withoutFeed(String id) {
        return new DistroFamily(id, Optional.empty());
    }
}
