package io.plimsoll.image.layer;

import java.util.Optional;

/** The path rules every layer follows: absolute, no {@code .}, no empty elements, never above the root. */
public final class LayerPaths {

    private LayerPaths() {
    }

    /**
     * Turns an archive entry name ({@code ./etc/}, {@code etc/passwd}, {@code .}) into an absolute clean path,
     * or returns empty when the name would escape the image root ({@code ..} elements) or is absolute
     * (a layer built by a real tool never writes either).
     */
    public static Optional<String> fromArchiveName(String name) {
        if (name.startsWith("/")) {
            return Optional.empty();
        }
        return clean(name, false);
    }

    /** Makes an absolute clean path from one that is already rooted (link targets, user lookups). */
    public static String absolute(String path) {
        return clean(path, true).orElseThrow();
    }

    /**
     * Collapses {@code .}, repeated slashes and a trailing slash. With {@code clampDotDot}, {@code ..} at the root
     * stays at the root (as the kernel resolves it); without, any {@code ..} element makes the path invalid.
     */
    private static Optional<String> clean(String name, boolean clampDotDot) {
        StringBuilder out = new StringBuilder(name.length() + 1);
        int i = 0;
        int n = name.length();
        while (i < n) {
            int slash = name.indexOf('/', i);
            int end = slash < 0 ? n : slash;
            int len = end - i;
            if (len == 0 || (len == 1 && name.charAt(i) == '.')) {
                // empty or "." element: nothing to add
            } else if (len == 2 && name.charAt(i) == '.' && name.charAt(i + 1) == '.') {
                if (!clampDotDot) {
                    return Optional.empty();
                }
                int last = out.lastIndexOf("/");
                out.setLength(Math.max(last, 0));
            } else {
                out.append('/').append(name, i, end);
            }
            i = end + 1;
        }
        return Optional.of(out.length() == 0 ? "/" : out.toString());
    }

    /** The parent of an absolute clean path; the root's parent is itself. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** How many elements a path has ({@code /a/b}: 2), counting non-empty runs between slashes. */
    public static int depth(String path) {
        int depth = 0;
        boolean inElement = false;
        for (int i = 0; i < path.length(); i++) {
            boolean slash = path.charAt(i) == '/';
            if (!slash && !inElement) {
                depth++;
            }
            inElement = !slash;
        }
        return depth;
    }

    public static String name(String path) {
        return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
    }

    public static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    /** The prefix every descendant of {@code dir} starts with. */
    public static String descendantPrefix(String dir) {
        return dir.equals("/") ? "/" : dir + "/";
    }
}
