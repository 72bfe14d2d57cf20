package io.plimsoll.ecosystem.golang;

import java.util.List;

/**
 * The directives of a go.mod that say which module versions a build uses.
 *
 * @param module   the module's own path; empty when the file has no module directive
 * @param requires required modules in file order
 * @param replaces replace directives in file order
 * @param excludes excluded module versions
 */
public record GoModFile(String module, List<Require> requires, List<Replace> replaces, List<GoModule> excludes) {

    public GoModFile {
        requires = List.copyOf(requires);
        replaces = List.copyOf(replaces);
        excludes = List.copyOf(excludes);
    }

    /** {@code require path version}, {@code // indirect} when the module is needed only by other dependencies. */
    public record Require(String path, String version, boolean indirect) {
    }

    /**
     * {@code replace old [oldVersion] => new [newVersion]}.
     *
     * @param oldVersion empty when every version of {@code oldPath} is replaced
     * @param newVersion empty when {@code newPath} is a directory
     */
    public record Replace(String oldPath, String oldVersion, String newPath, String newVersion) {

        public boolean isLocal() {
            return newVersion.isEmpty();
        }
    }
}
