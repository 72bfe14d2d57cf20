package io.plimsoll.image.layer;

import io.plimsoll.model.Digest;
import java.io.IOException;
import java.util.Optional;

/**
 * A blob stream that hashes every byte it delivers anyway (the registry blob cache does, to decide whether to keep its
 * copy), so that a reader which verifies the blob's digest takes that hash instead of computing a second one.
 */
public interface DigestingStream {

    /**
     * Whether this stream computes its blob's digest by {@code algorithm}; a stream fed by another thread may wait
     * until it knows (the reader is about to wait for its bytes anyway).
     */
    boolean digests(String algorithm) throws IOException;

    /** The digest of every byte delivered, once the stream has returned its end (-1); empty before that. */
    Optional<Digest> digest();
}
