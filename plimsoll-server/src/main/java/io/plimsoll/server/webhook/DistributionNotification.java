package io.plimsoll.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.http.ApiException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CNCF distribution's notification envelope ({@code application/vnd.docker.distribution.events.v1+json}), as
 * docker-registry, GitLab's and Google's registries send it: {@code {"events": [...]}}, each event an action on a
 * target. A manifest push with a tag is an image to analyse; an untagged manifest push (an index's platform
 * manifests, a push by digest) only when {@code allPushes} is on; pulls, blobs, mounts and deletes never.
 */
final class DistributionNotification {

    static final String SENDER = "registry";

    /** Docker v2 and OCI manifests and indexes: what a pull of the image can start from. */
    static final Set<String> MANIFEST_TYPES = Set.of(
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private static final String EXAMPLE = "{\"events\": [{\"id\": \"…\", \"action\": \"push\", \"target\": {…}}]}";

    private DistributionNotification() {
    }

    static Pushes parse(JsonNode body, boolean allPushes) {
        JsonNode events = Payloads.object(body, "a distribution notification", EXAMPLE).get("events");
        if (events == null || !events.isArray()) {
            throw ApiException.badRequest("not a distribution notification: 'events' is missing or not an array"
                    + " (expected " + EXAMPLE + ")");
        }
        List<PushEvent> out = new ArrayList<>();
        int ignored = 0;
        for (int i = 0; i < events.size(); i++) {
            Optional<PushEvent> push = push(events.get(i), "events[" + i + "]", allPushes);
            if (push.isPresent()) {
                out.add(push.get());
            } else {
                ignored++;
            }
        }
        return new Pushes(out, ignored);
    }

    private static Optional<PushEvent> push(JsonNode event, String where, boolean allPushes) {
        if (!event.isObject()) {
            throw ApiException.badRequest("not a distribution notification: " + where + " is not an object");
        }
        String action = Payloads.optionalText(event, "/action").orElse("");
        String mediaType = Payloads.optionalText(event, "/target/mediaType").orElse("");
        Optional<String> tag = Payloads.optionalText(event, "/target/tag");
        if (!action.equals("push") || !MANIFEST_TYPES.contains(mediaType) || (tag.isEmpty() && !allPushes)) {
            return Optional.empty();
        }
        String id = Payloads.text(event, "/id", where + " of a distribution notification");
        String repository = Payloads.repository(Payloads.text(event, "/target/repository", where),
                where + ".target.repository");
        String digest = Payloads.digest(Payloads.text(event, "/target/digest", where), where + ".target.digest");
        URI base = registryUrl(event, where);
        return Optional.of(new PushEvent(SENDER + ":" + id, base.getAuthority(), repository,
                tag.map(t -> Payloads.tag(t, where + ".target.tag")), Optional.of(digest), Optional.of(base)));
    }

    /**
     * The registry as the event's {@code target.url} reaches it (its scheme says HTTP or HTTPS), else
     * {@code request.host} over HTTPS.
     */
    private static URI registryUrl(JsonNode event, String where) {
        Optional<String> url = Payloads.optionalText(event, "/target/url");
        if (url.isPresent()) {
            URI u;
            try {
                u = URI.create(url.get());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(where + ".target.url is not a URL: " + e.getMessage());
            }
            if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getRawAuthority() == null
                    || u.getRawUserInfo() != null) {
                throw ApiException.badRequest(where + ".target.url must be http(s)://host[:port]/v2/…, got '"
                        + url.get() + "'");
            }
            return URI.create(u.getScheme() + "://" + Payloads.host(u.getRawAuthority(), where + ".target.url"));
        }
        String host = Payloads.host(Payloads.text(event, "/request/host", where + " (no target.url)"),
                where + ".request.host");
        return URI.create("https://" + host);
    }
}
