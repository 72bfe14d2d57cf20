package io.plimsoll.cli;

/** A bad option value found after parsing (an unparsable size, say); reported like an input error, exit 2. */
final class UserInputException extends RuntimeException {
    UserInputException(String message) {
        super(message);
    }
}
