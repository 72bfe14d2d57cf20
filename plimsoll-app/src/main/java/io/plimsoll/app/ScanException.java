package io.plimsoll.app;

/**
 * Input a scan cannot go on with (a policy that does not load, data the gate refuses, a server that fails): the
 * message is one line a person can act on, naming the file or source. Front ends map it to their input-error answer
 * (the CLI's exit 2).
 */
public final class ScanException extends RuntimeException {

    public ScanException(String message) {
        super(message);
    }
}
