package io.plimsoll.ecosystem.npm;

import io.plimsoll.ecosystem.InstallTrees;

/**
 * The kinds of file the npm cataloger reads, told apart by path alone (the walker asks for every file of every
 * layer, so this must be cheap).
 */
enum NpmFile {
    /** {@code …/node_modules/NAME/package.json} or {@code …/node_modules/@SCOPE/NAME/package.json}: an installed package. */
    INSTALLED,
    /** A {@code package.json} outside any {@code node_modules}: a project (an application or a workspace member). */
    PROJECT,
    /** {@code package-lock.json} or {@code npm-shrinkwrap.json} of a project. */
    PACKAGE_LOCK,
    YARN_LOCK,
    PNPM_LOCK,
    /** Anything else, including {@code package.json} files deeper inside an installed package ({@code dist/package.json}). */
    OTHER;

    private static final String NODE_MODULES = "/node_modules/";

    static NpmFile of(String path) {
        int slash = path.lastIndexOf('/');
        String base = path.substring(slash + 1);
        switch (base) {
            case "package.json":
                return manifest(path, slash);
            case "package-lock.json":
            case "npm-shrinkwrap.json":
                return outsideNodeModules(path) ? PACKAGE_LOCK : OTHER;
            case "yarn.lock":
                return outsideNodeModules(path) ? YARN_LOCK : OTHER;
            case "pnpm-lock.yaml":
                return outsideNodeModules(path) ? PNPM_LOCK : OTHER;
            default:
                return OTHER;
        }
    }

    /**
     * Lockfiles inside an installed package (node_modules, a gem, site-packages) belong to its authors, not to what
     * is installed; npm's hidden {@code node_modules/.package-lock.json} only repeats the installed package.json files.
     */
    private static boolean outsideNodeModules(String path) {
        return !InstallTrees.contains(path);
    }

    private static NpmFile manifest(String path, int slash) {
        int nm = path.lastIndexOf(NODE_MODULES);
        if (nm < 0) {
            return InstallTrees.contains(path) ? OTHER : PROJECT; // a gem's editor plugin is not a project here
        }
        // what lies between the last node_modules/ and /package.json must be NAME or @SCOPE/NAME
        String between = path.substring(nm + NODE_MODULES.length(), slash);
        int inner = between.indexOf('/');
        if (between.isEmpty() || between.charAt(0) == '.') {
            return OTHER; // .pnpm, .cache, .bin: package-manager housekeeping, not a package
        }
        if (inner < 0) {
            return between.charAt(0) == '@' ? OTHER : INSTALLED; // a scope folder is not a package
        }
        boolean scoped = between.charAt(0) == '@' && inner > 1 && between.indexOf('/', inner + 1) < 0
                && inner + 1 < between.length() && between.charAt(inner + 1) != '.';
        return scoped ? INSTALLED : OTHER;
    }
}
