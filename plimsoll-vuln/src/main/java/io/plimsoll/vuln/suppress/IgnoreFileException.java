package io.plimsoll.vuln.suppress;

/** An ignore file that cannot be used: the message names the file, and the line when it is about one. */
public class IgnoreFileException extends Exception {

    public IgnoreFileException(String message) {
        super(message);
    }
}
