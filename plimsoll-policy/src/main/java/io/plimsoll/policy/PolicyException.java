package io.plimsoll.policy;

import java.io.IOException;

/** A policy bundle, allowlist or rule that cannot be used: names the file or rule and the reason. */
public class PolicyException extends IOException {

    private final String subject;
    private final String reason;

    public PolicyException(String subject, String reason) {
        super(subject + ": " + reason);
        this.subject = subject;
        this.reason = reason;
    }

    public String subject() {
        return subject;
    }

    public String reason() {
        return reason;
    }
}
