package io.plimsoll.server.webhook;

import java.util.List;

/**
 * What one delivery asks for: the pushes to act on, and how many of its events were not pushes of an image
 * (pulls, blob uploads, mounts, deletes, untagged pushes unless switched on).
 */
record Pushes(List<PushEvent> pushes, int ignored) {

    Pushes {
        pushes = List.copyOf(pushes);
    }
}
