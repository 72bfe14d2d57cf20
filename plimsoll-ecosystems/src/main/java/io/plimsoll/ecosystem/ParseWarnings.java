package io.plimsoll.ecosystem;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a parser's warnings for one file. Capped, because a binary file handed to a text parser would
 * otherwise produce one warning per "line" and cost more memory than the file itself.
 */
public final class ParseWarnings {

    public static final int DEFAULT_LIMIT = 100;

    private final String file;
    private final int limit;
    private final List<ParseWarning> kept = new ArrayList<>();
    private int dropped;

    public ParseWarnings(String file) {
        this(file, DEFAULT_LIMIT);
    }

    public ParseWarnings(String file, int limit) {
        this.file = file;
        this.limit = limit;
    }

    public void add(int line, String message) {
        if (kept.size() < limit) {
            kept.add(new ParseWarning(file, line, message));
        } else {
            dropped++;
        }
    }

    public boolean isEmpty() {
        return kept.isEmpty();
    }

    /** The first warning's message, to explain a {@link PackageDbException}; empty when there was none. */
    public String first() {
        return kept.isEmpty() ? "" : kept.get(0).toString();
    }

    /** The warnings kept, plus one saying how many more there were when the cap was hit. */
    public List<ParseWarning> toList() {
        if (dropped == 0) {
            return List.copyOf(kept);
        }
        List<ParseWarning> all = new ArrayList<>(kept);
        all.add(new ParseWarning(file, 0, dropped + " more warnings not shown"));
        return List.copyOf(all);
    }
}
