package io.plimsoll.report.sbom.read;

/**
 * An SBOM that cannot be read: not a supported format or version, not well-formed, missing. The message is one line
 * for the user and names the file; front ends show it as an input error, never as a crash.
 */
public final class SbomException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SbomException(String message) {
        super(message);
    }
}
