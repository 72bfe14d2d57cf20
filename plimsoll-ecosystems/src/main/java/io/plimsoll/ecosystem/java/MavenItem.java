package io.plimsoll.ecosystem.java;

/**
 * One piece of a parsed Maven version: a number, a qualifier or a nested list (what follows a {@code -} or a
 * letter/digit switch). The three kinds order against each other by fixed rules, so each kind decides how it
 * compares with the others.
 */
sealed interface MavenItem permits MavenNumber, MavenQualifier, MavenItemList {

    /**
     * Sign of this item against {@code other}; {@code null} stands for the padding used when the other version
     * has run out of items, which is how {@code 1.0 == 1} and {@code 1-rc < 1} come about.
     */
    int compareTo(MavenItem other);

    /** Whether the item means nothing at the end of a list ({@code 0}, the release qualifier, an empty list). */
    boolean isNull();
}
