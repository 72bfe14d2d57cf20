package io.plimsoll.ecosystem.java;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Splits a Maven version into items the way maven-artifact 3.9's ComparableVersion does. Any string parses.
 *
 * <ul>
 *   <li>{@code .} ends an item; {@code -} ends one and opens a nested list for what follows;</li>
 *   <li>a switch between digits and non-digits ends an item too and opens a nested list, so {@code 1rc2} is
 *       {@code 1-rc-2};</li>
 *   <li>a qualifier that reaches a digit or the end of the version while its list already holds items gets a
 *       list of its own, so {@code 1.0.0.RC1} sorts like {@code 1.0.0-RC1};</li>
 *   <li>an empty item ({@code 1..2}, a leading {@code -}) is a zero.</li>
 * </ul>
 * Every list is then stripped of meaningless trailing items, innermost lists first.
 */
final class MavenVersionParser {

    private final String text;
    /** Every list opened so far, newest on top, so they can be normalized innermost first. */
    private final Deque<MavenItemList> opened = new ArrayDeque<>();
    private MavenItemList current;
    private int start;
    private boolean inDigits;

    private MavenVersionParser(String version) {
        // Maven lower-cases the whole string first (English rules), so qualifiers ignore case.
        this.text = version.toLowerCase(Locale.ENGLISH);
        this.current = new MavenItemList();
        opened.push(current);
    }

    static MavenItemList parse(String version) {
        return new MavenVersionParser(version).run();
    }

    private MavenItemList run() {
        MavenItemList root = current;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '-') {
                current.add(i == start ? MavenNumber.ZERO : item(text.substring(start, i)));
                start = i + 1;
                if (c == '-') {
                    openList();
                }
            } else if (Character.isDigit(c)) {
                if (!inDigits && i > start) {
                    // Letters then digits: the qualifier gets a list of its own unless it starts one, and the
                    // number after it goes one level deeper still.
                    if (!current.isEmpty()) {
                        openList();
                    }
                    current.add(new MavenQualifier(text.substring(start, i), true));
                    start = i;
                    openList();
                }
                inDigits = true;
            } else {
                if (inDigits && i > start) {
                    current.add(MavenNumber.of(text.substring(start, i)));
                    start = i;
                    openList();
                }
                inDigits = false;
            }
        }
        if (text.length() > start) {
            if (!inDigits && !current.isEmpty()) {
                openList();
            }
            current.add(item(text.substring(start)));
        }
        while (!opened.isEmpty()) {
            opened.pop().normalize();
        }
        return root;
    }

    /**
     * A finished piece: digits or not is known from the state, since every switch between the two ends a piece.
     * A qualifier ended by a separator or the end is not "followed by a digit", so {@code 1.a.1} keeps {@code a}.
     */
    private MavenItem item(String piece) {
        return inDigits ? MavenNumber.of(piece) : new MavenQualifier(piece, false);
    }

    private void openList() {
        MavenItemList list = new MavenItemList();
        current.add(list);
        current = list;
        opened.push(list);
    }
}
