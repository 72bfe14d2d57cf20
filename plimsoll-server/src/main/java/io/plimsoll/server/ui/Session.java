package io.plimsoll.server.ui;

import io.plimsoll.server.http.Principal;
import java.time.Instant;

/** A signed-in browser: who it acts for and the token every form it posts must carry. */
record Session(String tokenHash, Principal principal, String csrf, Instant expiresAt) {
}
