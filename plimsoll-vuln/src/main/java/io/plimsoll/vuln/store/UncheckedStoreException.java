package io.plimsoll.vuln.store;

import java.io.UncheckedIOException;

/** A {@link StoreException} from a read on the matching path, where the store interface cannot throw checked. */
public final class UncheckedStoreException extends UncheckedIOException {

    public UncheckedStoreException(StoreException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized StoreException getCause() {
        return (StoreException) super.getCause();
    }
}
