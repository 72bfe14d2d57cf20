package io.plimsoll.image;

import java.io.IOException;

/**
 * The image stage's one error type: which file (or layer, or reference) and why, in words a user can act on.
 *
 * <p>It is an {@link IOException} so that it travels unchanged through the stream code it is raised in.
 */
public class ImageException extends IOException {

    private final String subject;
    private final String reason;

    public ImageException(String subject, String reason) {
        this(subject, reason, null);
    }

    public ImageException(String subject, String reason, Throwable cause) {
        super(subject + ": " + reason, cause);
        this.subject = subject;
        this.reason = reason;
    }

    /** The file, layer or reference the problem is in. */
    public String subject() {
        return subject;
    }

    public String reason() {
        return reason;
    }
}
