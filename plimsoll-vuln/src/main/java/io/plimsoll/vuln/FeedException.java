package io.plimsoll.vuln;

import java.io.IOException;

/**
 * A vulnerability feed could not be fetched or read: names the source, the file or URL, and why, so the CLI can
 * print one line and the update can carry on with the other sources.
 */
public class FeedException extends IOException {

    private final String source;
    private final String subject;
    private final String reason;

    public FeedException(String source, String subject, String reason) {
        this(source, subject, reason, null);
    }

    public FeedException(String source, String subject, String reason, Throwable cause) {
        super(source + ": " + subject + ": " + reason, cause);
        this.source = source;
        this.subject = subject;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    /** The URL or file the problem is about. */
    public String subject() {
        return subject;
    }

    public String reason() {
        return reason;
    }
}
