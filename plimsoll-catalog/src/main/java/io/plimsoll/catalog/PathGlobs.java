package io.plimsoll.catalog;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Glob matching of image paths (the JDK's {@code glob:} syntax) for a list that every entry of every layer is tested
 * against. A glob's regex is tried only on paths that contain the text the glob cannot match without: its literal
 * runs ({@code /usr/share/doc/}) and, for a group of plain words between literal characters
 * ({@code /{test,tests}/}), one of the words with those characters. Most paths fail on a {@code contains}, and the
 * thirty-odd default allow-paths cost about what a handful of regexes did.
 *
 * <p>The one glob matcher of the engine: the policy's content-scan allow-paths and the user's skipped paths
 * ({@link SkippedPaths}) both match through it.
 */
public final class PathGlobs implements Predicate<String> {

    /** One compiled glob and the text a path it matches must contain. */
    public record Glob(PathMatcher matcher, List<String> literals, List<List<String>> anyOf) {

        /** False when {@code path} cannot match; true when the matcher must decide. */
        public boolean mayMatch(String path) {
            for (String l : literals) {
                if (!path.contains(l)) {
                    return false;
                }
            }
            for (List<String> words : anyOf) {
                boolean found = false;
                for (String w : words) {
                    if (path.contains(w)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Glob> globs;

    /** Throws {@link IllegalArgumentException} (the JDK's message) when a glob is malformed. */
    public PathGlobs(List<String> globs) {
        this(globs.stream().map(PathGlobs::compile).toArray(Glob[]::new));
    }

    private PathGlobs(Glob[] compiled) {
        this.globs = List.of(compiled);
    }

    /** Globs already compiled (so that a caller could name the one that did not compile). */
    public static PathGlobs ofCompiled(List<Glob> compiled) {
        return new PathGlobs(compiled.toArray(Glob[]::new));
    }

    public boolean isEmpty() {
        return globs.isEmpty();
    }

    @Override
    public boolean test(String path) {
        Path p = null;
        for (Glob g : globs) {
            if (g.mayMatch(path)) {
                if (p == null) {
                    p = Path.of(path);
                }
                if (g.matcher.matches(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final String SPECIAL = "*?[]{}\\";

    /**
     * The glob's matcher and what a matching path must contain.
     *
     * @throws IllegalArgumentException when the JDK refuses the glob
     */
    public static Glob compile(String glob) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<String> literals = new ArrayList<>();
        List<List<String>> anyOf = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '{') {
                int close = glob.indexOf('}', i);
                if (close < 0) {
                    break; // the matcher above has refused it already; nothing more to learn
                }
                List<String> words = List.of(glob.substring(i + 1, close).split(",", -1));
                boolean plain = words.stream().allMatch(w -> w.chars().noneMatch(x -> SPECIAL.indexOf(x) >= 0));
                char before = run.isEmpty() ? 0 : run.charAt(run.length() - 1);
                char after = close + 1 < glob.length() ? glob.charAt(close + 1) : 0;
                if (plain && !words.contains("")) {
                    String pre = before == 0 ? "" : String.valueOf(before);
                    String post = after == 0 || SPECIAL.indexOf(after) >= 0 ? "" : String.valueOf(after);
                    anyOf.add(words.stream().map(w -> pre + w + post).toList());
                }
                flush(run, literals);
                i = close + 1;
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 1);
                flush(run, literals);
                i = close < 0 ? glob.length() : close + 1;
            } else if (SPECIAL.indexOf(c) >= 0) {
                flush(run, literals);
                i += c == '\\' ? 2 : 1; // an escaped character: left out rather than parsed
            } else {
                run.append(c);
                i++;
            }
        }
        flush(run, literals);
        return new Glob(matcher, List.copyOf(literals), List.copyOf(anyOf));
    }

    private static void flush(StringBuilder run, List<String> literals) {
        if (!run.isEmpty()) {
            literals.add(run.toString());
            run.setLength(0);
        }
    }
}
