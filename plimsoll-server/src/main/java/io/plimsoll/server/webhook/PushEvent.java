package io.plimsoll.server.webhook;

import java.net.URI;
import java.util.Optional;

/**
 * One image a registry says was pushed, whichever registry said it: where to pull it from and the key its
 * replays share.
 *
 * @param key         the sender and its event id (or a hash of what the event names, when the sender gives no id):
 *                    a second delivery with the same key queues nothing
 * @param registry    host[:port] as an image reference writes it ({@code docker.io} for Docker Hub)
 * @param registryUrl the registry's base URL when the sender said how it is reached (HTTP or HTTPS)
 * @param digest      the manifest digest pushed; when present the pull is pinned to it
 */
record PushEvent(String key, String registry, String repository, Optional<String> tag, Optional<String> digest,
                 Optional<URI> registryUrl) {

    PushEvent {
        if (tag.isEmpty() && digest.isEmpty()) {
            throw new IllegalArgumentException("a push names a tag or a digest");
        }
    }

    /** {@code registry/repo:tag@digest}: the digest pins what was pushed, the tag is kept for the record. */
    String pullReference() {
        return registry + "/" + repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }

    /** {@code registry/repo:tag}, as the Anchore API lists images; empty for a push by digest. */
    Optional<String> fullTag() {
        return tag.map(t -> registry + "/" + repository + ":" + t);
    }
}
