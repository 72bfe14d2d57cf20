package io.plimsoll.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Where vulnerability rows and the packages they are matched with are filed: a distribution's feed family and
 * release ({@code debian:12}, {@code alpine:edge}, {@code rhel:9}), or a language ecosystem alone ({@code npm},
 * {@code Maven}, {@code crates.io}). Its text form is what the database, the Clair API and the json report hold, so
 * {@link #parse} and {@link #toString} keep it exactly: the family is everything before the first ':', the release
 * everything after it.
 *
 * @param family  the feed family or ecosystem name, as written (case is kept: OSV's names are capitalised)
 * @param release the release within the family; "" for a namespace with none
 */
public record Namespace(String family, String release) {

    public Namespace {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(release, "release");
        // A ':' in the family is not refused: an os-release ID is whatever the image says, and a scan never fails
        // on it (the text form then reads back with a different split, as the bare strings always did).
        if (family.isEmpty()) {
            throw new IllegalArgumentException("malformed namespace: no family");
        }
    }

    /** A namespace without a release: {@code npm}, or a distribution whose files name no release. */
    public static Namespace of(String family) {
        return new Namespace(family, "");
    }

    /**
     * {@code debian:12} → family {@code debian}, release {@code 12}; {@code npm} → family {@code npm}, no release.
     *
     * @throws IllegalArgumentException for text with no family ({@code ""}, {@code ":12"}) or a colon and no
     *                                  release ({@code "debian:"}): no namespace is ever written that way
     */
    public static Namespace parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("malformed namespace '" + text
                + "': expected FAMILY or FAMILY:RELEASE"));
    }

    /** {@link #parse}, with empty for malformed text. */
    public static Optional<Namespace> tryParse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.of(of(text));
        }
        if (colon == 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Namespace(text.substring(0, colon), text.substring(colon + 1)));
    }

    public boolean hasRelease() {
        return !release.isEmpty();
    }

    /** The text form: {@code family:release}, or the family alone. */
    @Override
    public String toString() {
        return release.isEmpty() ? family : family + ":" + release;
    }
}
