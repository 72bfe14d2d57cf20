package io.plimsoll.catalog;

import io.plimsoll.image.walk.FileInterest;

/**
 * A cataloger that reads its files while the layers stream by, because keeping them would cost too much: jars
 * (archives inside archives) and executables (any file with an exec bit may be a Go binary). It keeps only what
 * it learnt, per path and layer, and in {@link #catalog} keeps what the scope asks for
 * ({@link CatalogInput#isLive} for the squashed image).
 *
 * <p>An instance serves one run: the engine asks the registry for fresh catalogers each time.
 */
public interface StreamingCataloger extends Cataloger {

    /** Receives the wanted files during the walk, possibly from several threads at once. */
    FileInterest interest();

    @Override
    default java.util.function.Predicate<String> wants() {
        return interest()::wants;
    }
}
