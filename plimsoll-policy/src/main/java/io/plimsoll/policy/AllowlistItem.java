package io.plimsoll.policy;

import java.time.Instant;
import java.util.Optional;

/**
 * One allowed trigger hit (Anchore whitelist item): a hit of {@code gate} with exactly {@code triggerId} becomes GO.
 * An item past {@code expiresOn} no longer matches.
 */
public record AllowlistItem(String id, String gate, String triggerId, Optional<Instant> expiresOn, String comment) {

    public AllowlistItem {
        comment = comment == null ? "" : comment;
    }

    public boolean activeAt(Instant now) {
        return expiresOn.map(now::isBefore).orElse(true);
    }
}
