package io.plimsoll.ecosystem;

/**
 * Whether a path lies inside a package that a package manager installed: {@code node_modules/}, a RubyGems or
 * Bundler gem directory ({@code …/gems/NAME-VERSION/}), Python's {@code site-packages/} or {@code dist-packages/}.
 * Lockfiles and manifests found there are the package authors' own (their development setup, an editor plugin),
 * not a description of what the image runs, so the lockfile catalogers skip them. Found on real systems: a gem's
 * VS Code extension ships its package-lock.json with 169 packages, none of them installed.
 */
public final class InstallTrees {

    private InstallTrees() {
    }

    public static boolean contains(String path) {
        return path.contains("/node_modules/") || path.contains("/site-packages/") || path.contains("/dist-packages/")
                || insideGem(path);
    }

    /** {@code /gems/} followed by a directory, not just a folder named gems holding the file. */
    private static boolean insideGem(String path) {
        int from = 0;
        int at;
        while ((at = path.indexOf("/gems/", from)) >= 0) {
            int next = path.indexOf('/', at + 6);
            if (next > at + 6) {
                return true;
            }
            from = at + 1;
        }
        return false;
    }
}
