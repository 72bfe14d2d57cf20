package io.plimsoll.ecosystem.python;

/**
 * Which files of an installed distribution the cataloger reads. Metadata lives in {@code NAME-VER.dist-info/METADATA}
 * (wheels), {@code NAME-VER.egg-info/PKG-INFO} (setuptools) or a single file {@code NAME-VER.egg-info}; the files
 * beside it say what was installed. Directory suffixes are matched without regard to case, as Windows-built trees
 * and some installers write {@code DIST-INFO}; a directory named just {@code dist-info} counts too.
 */
final class DistInfoPaths {

    static final String METADATA = "METADATA";
    static final String PKG_INFO = "PKG-INFO";
    static final String RECORD = "RECORD";
    static final String INSTALLED_FILES = "installed-files.txt";
    static final String TOP_LEVEL = "top_level.txt";
    static final String DIRECT_URL = "direct_url.json";

    private DistInfoPaths() {
    }

    /** A metadata file: the one file that makes a distribution. Called for every file of every layer. */
    static boolean isMetadata(String p) {
        int slash = p.lastIndexOf('/');
        if (endsWithIgnoreCase(p, p.length(), ".egg-info")) {
            return true;
        }
        if (named(p, slash, METADATA)) {
            return endsWithIgnoreCase(p, slash, "dist-info");
        }
        return named(p, slash, PKG_INFO) && endsWithIgnoreCase(p, slash, "egg-info");
    }

    /** A metadata file, or a file beside one that the cataloger reads too. */
    static boolean isWanted(String p) {
        if (isMetadata(p)) {
            return true;
        }
        int slash = p.lastIndexOf('/');
        boolean inDist = endsWithIgnoreCase(p, slash, "dist-info");
        boolean inEgg = !inDist && endsWithIgnoreCase(p, slash, "egg-info");
        if (!inDist && !inEgg) {
            return false;
        }
        return named(p, slash, RECORD) || named(p, slash, TOP_LEVEL) || (inDist && named(p, slash, DIRECT_URL))
                || (inEgg && named(p, slash, INSTALLED_FILES));
    }

    /** Whether the metadata file is the single-file form of egg-info (no directory, so no files beside it). */
    static boolean isEggInfoFile(String p) {
        return endsWithIgnoreCase(p, p.length(), ".egg-info");
    }

    private static boolean named(String p, int slash, String name) {
        return p.length() - slash - 1 == name.length() && p.startsWith(name, slash + 1);
    }

    /** Whether {@code p} up to (not including) {@code end} ends with {@code suffix}, ignoring case. */
    private static boolean endsWithIgnoreCase(String p, int end, String suffix) {
        int from = end - suffix.length();
        return from >= 0 && p.regionMatches(true, from, suffix, 0, suffix.length());
    }
}
