package io.plimsoll.ecosystem.rust;

/**
 * One crate a {@code Cargo.lock} pins.
 *
 * @param source   where Cargo gets it ({@code registry+URL}, {@code sparse+URL}, {@code git+URL#commit}); "" for
 *                 workspace members and path dependencies, which are part of the project itself
 * @param checksum the SHA-256 of the downloaded .crate, registry crates only
 */
public record LockedCrate(String name, String version, String source, String checksum) {

    /** A workspace member or path dependency: the project's own code, with no registry identity. */
    public boolean local() {
        return source.isEmpty();
    }

    /** {@code registry}, {@code sparse}, {@code git}, … from the source's scheme; {@code path} for local crates. */
    public String sourceKind() {
        if (local()) {
            return "path";
        }
        int plus = source.indexOf('+');
        return plus > 0 ? source.substring(0, plus) : source;
    }
}
