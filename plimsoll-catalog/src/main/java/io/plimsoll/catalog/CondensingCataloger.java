package io.plimsoll.catalog;

/**
 * A cataloger whose use of some of its files comes down to a little of them (a Debian copyright file's licenses).
 * What {@link #condense} returns is kept in place of the file: it is made on the layer thread that read the file,
 * while other layers still stream, and the layer cache keeps it rather than the file, so a warm scan neither
 * reads nor condenses those files again. {@link CatalogInput#squashed} and {@link CatalogInput#versions} then give
 * the condensed bytes.
 */
public interface CondensingCataloger extends Cataloger {

    /**
     * What to keep of the wanted file at {@code path}: {@code content} itself for a file kept whole. Depends on the
     * path and bytes alone; called from several threads at once.
     */
    byte[] condense(String path, byte[] content);
}
