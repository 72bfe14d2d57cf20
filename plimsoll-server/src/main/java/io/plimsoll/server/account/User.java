package io.plimsoll.server.account;

import java.time.Instant;
import java.util.Optional;

/** A user of an account; logs in with HTTP basic auth. The hash never leaves this package. */
record User(String username, String account, Optional<String> passwordHash, Optional<Instant> passwordSetAt,
            Instant createdAt, Instant lastUpdated) {

    @Override
    public String toString() {
        return "User[" + username + " in " + account + "]";
    }
}
