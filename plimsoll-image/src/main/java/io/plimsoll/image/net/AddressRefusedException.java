package io.plimsoll.image.net;

import java.io.IOException;

/** An outbound request the {@link AddressGuard} did not allow; the message names the URL and why, for the client. */
public final class AddressRefusedException extends IOException {

    public AddressRefusedException(String message) {
        super(message);
    }
}
