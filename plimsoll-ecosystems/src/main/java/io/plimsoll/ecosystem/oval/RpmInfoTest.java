package io.plimsoll.ecosystem.oval;

/**
 * An {@code rpminfo_test} resolved through its object and state: the package {@code name}, and the state's
 * {@code evr} with its {@code operation} ({@code less than}, {@code less than or equal}, {@code greater than}); the
 * state's {@code arch} pattern when it has one, else "".
 */
public record RpmInfoTest(String id, String name, String operation, String evr, String arch) {
}
