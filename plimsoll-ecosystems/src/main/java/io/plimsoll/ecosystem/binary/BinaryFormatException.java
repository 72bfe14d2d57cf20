package io.plimsoll.ecosystem.binary;

/** An executable, or the metadata inside it, is not what its headers claim: truncated, or offsets that lead nowhere. */
public class BinaryFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public BinaryFormatException(String message) {
        super(message);
    }
}
