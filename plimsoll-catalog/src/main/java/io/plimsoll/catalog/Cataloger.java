package io.plimsoll.catalog;

import java.util.List;
import java.util.function.Predicate;

/**
 * Finds one kind of package in an image. It names the files it needs; the engine collects their bytes during the
 * single walk of the layers and then hands them over. Catalogers never open layers themselves.
 */
public interface Cataloger {

    /** Short name shown in output and recorded on each package ({@code dpkg}, {@code rpm}, {@code apk}). */
    String name();

    /** Absolute paths whose bytes this cataloger needs. Called for every file of every layer: keep it cheap. */
    Predicate<String> wants();

    /** Larger files are not collected (a package database beyond this is refused with a warning). */
    default long maxFileSize() {
        return 512L << 20;
    }

    /**
     * The cap for one wanted path, for a cataloger that wants small side files beside a large database (rpm's
     * yumdb entries next to its rpmdb): a file at {@code path} larger than this is not collected. At most
     * {@link #maxFileSize()}.
     */
    default long maxFileSize(String path) {
        return maxFileSize();
    }

    Result catalog(CatalogInput input) throws CatalogException;

    /**
     * Whether the caller reads more from this cataloger than its {@link Result} after a run (a secret scanner's
     * findings): such a cataloger must run over the walk every time, so a kept catalog never stands in for it.
     */
    default boolean holdsMoreThanItsResult() {
        return false;
    }

    /** Packages found, and what the user should know about files that could only partly be read. */
    record Result(List<Package> packages, List<String> warnings) {
        public Result {
            packages = List.copyOf(packages);
            warnings = List.copyOf(warnings);
        }
    }
}
