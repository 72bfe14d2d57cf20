package io.plimsoll.image.tree;

/**
 * A layer implies a deeper or bigger file tree than the image limits allow. Unchecked because stacking layers is
 * pure computation with no I/O; the walker, which knows the layer, turns it into an error naming it.
 */
public final class TreeLimitException extends RuntimeException {

    public TreeLimitException(String message) {
        super(message);
    }
}
