package io.plimsoll.catalog;

/** Which files count: those of the final image, or every file any layer wrote (deleted ones too). */
public enum Scope {
    /** What a container started from the image sees: files deleted or overwritten by a later layer do not count. */
    SQUASHED,
    /** Everything any layer wrote: secrets and vulnerable packages "deleted" later are still in the image's bytes. */
    ALL_LAYERS
}
