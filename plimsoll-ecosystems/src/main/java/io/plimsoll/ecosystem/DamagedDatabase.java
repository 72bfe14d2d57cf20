package io.plimsoll.ecosystem;

import io.plimsoll.catalog.CatalogException;
import io.plimsoll.catalog.Cataloger;
import java.util.List;

/**
 * What an OS cataloger reports when the final version of its package database holds nothing usable: a warning
 * naming the file, and no packages. Damage in one database must not end the scan, because the distro, the other
 * OS databases and every language package are still worth reporting (and an image author can damage a database
 * on purpose to hide from a scanner that stops).
 */
public final class DamagedDatabase {

    private DamagedDatabase() {
    }

    /** The warning for {@code e} from the cataloger called {@code cataloger}; {@code e}'s message names the file. */
    public static String warning(String cataloger, CatalogException e) {
        return e.getMessage() + " (damaged " + cataloger + " database: its packages are not listed)";
    }

    public static Cataloger.Result result(String cataloger, CatalogException e) {
        return new Cataloger.Result(List.of(), List.of(warning(cataloger, e)));
    }
}
