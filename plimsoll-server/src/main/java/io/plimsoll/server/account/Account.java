package io.plimsoll.server.account;

import java.time.Instant;
import java.util.Optional;

/** An Anchore account: the owner of image records and policy bundles. */
record Account(String name, String type, String state, Optional<String> email, Instant createdAt,
               Instant lastUpdated) {

    boolean enabled() {
        return state.equals("enabled");
    }

    boolean admin() {
        return type.equals("admin");
    }
}
