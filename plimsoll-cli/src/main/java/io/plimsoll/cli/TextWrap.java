package io.plimsoll.cli;

import java.util.ArrayList;
import java.util.List;

/** Folds text to a terminal width at spaces, for output that must stay readable in a 100-column window. */
final class TextWrap {

    private TextWrap() {
    }

    /**
     * {@code text} as lines of at most {@code width} characters, the second and later starting with {@code indent}.
     * Breaks at spaces; a word longer than a whole line (a long path or URL) is cut, as a terminal would. Leading
     * spaces of {@code text} stay on its first line.
     */
    static List<String> lines(String text, int width, String indent) {
        if (width <= indent.length()) {
            throw new IllegalArgumentException("width " + width + " leaves no room after the indent");
        }
        List<String> lines = new ArrayList<>();
        String words = text.stripLeading();
        StringBuilder line = new StringBuilder(text.substring(0, text.length() - words.length()));
        if (line.length() >= width) {
            throw new IllegalArgumentException("width " + width + " leaves no room after the leading spaces");
        }
        boolean hasWord = false;
        for (String word : words.stripTrailing().split(" ")) {
            if (hasWord && line.length() + 1 + word.length() <= width) {
                line.append(' ').append(word);
                continue;
            }
            if (hasWord) {
                boolean fitsNoLine = word.length() > width - indent.length();
                if (fitsNoLine && line.length() + 2 <= width) {
                    line.append(' '); // it is cut anyway: start it here rather than leave a short line
                } else {
                    lines.add(line.toString());
                    line = new StringBuilder(indent);
                }
            }
            while (line.length() + word.length() > width) {
                int cut = width - line.length();
                lines.add(line.append(word, 0, cut).toString());
                word = word.substring(cut);
                line = new StringBuilder(indent);
            }
            line.append(word);
            hasWord = true;
        }
        lines.add(line.toString());
        return lines;
    }
}
