package io.plimsoll.ecosystem;

import java.util.Objects;
import java.util.Optional;

/**
 * A distribution an ecosystem serves, by its os-release {@code ID}: how its releases are keyed in the vulnerability
 * data ({@code rhel:9}) and the feed (updater name) that covers it, which need not be its id (Red Hat's data is
 * filed as {@code redhat}). A distribution whose packages Plimsoll reads but no feed covers ({@code rocky}) has
 * none, so an image of it is seen to lack data rather than pass.
 */
public record DistroFamily(String id, ReleaseKey releases, Optional<String> feed) {

    public DistroFamily {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(releases, "releases");
        Objects.requireNonNull(feed, "feed");
    }

    public static DistroFamily coveredBy(String id, ReleaseKey releases, String feed) {
        return new DistroFamily(id, releases, Optional.of(feed));
    }

    public static DistroFamily withoutFeed(String id, ReleaseKey releases) {
        return new DistroFamily(id, releases, Optional.empty());
    }
}
