package io.plimsoll.ecosystem.golang;

/**
 * A module as Go's build info or a go.mod names it.
 *
 * @param version empty when none was stated (a directory replacement); {@code (devel)} is kept as Go wrote it
 * @param sum     the {@code h1:} checksum, empty when none
 * @param replace what the build used instead, or null
 */
public record GoModule(String path, String version, String sum, GoModule replace) {

    /** What Go writes for a module built from its own source tree rather than a tagged release. */
    public static final String DEVEL = "(devel)";

    public GoModule withReplace(GoModule r) {
        return new GoModule(path, version, sum, r);
    }

    /** A replacement by a directory ({@code ../fork}, {@code /src/x}) rather than another module. */
    public boolean isLocalPath() {
        return path.startsWith(".") || path.startsWith("/");
    }
}
