package io.plimsoll.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.http.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Quay's "Push to Repository" notification (webhook POST): {@code docker_url} ({@code quay.io/ns/repo}, the
 * registry host first) and {@code updated_tags}, a list of tags (Quay 3) or an object of tag to image id (older
 * quay.io). It carries no event id and no time: a replay is recognised by the repository, the tags (and image ids)
 * and the minute it arrived, so a retry within that minute is one analysis.
 */
final class QuayPush {

    static final String SENDER = "quay";
    private static final String WHAT = "a Quay repository push notification";
    private static final String EXAMPLE = "{\"docker_url\": \"quay.io/ns/repo\", \"updated_tags\": [\"latest\"],"
            + " \"repository\": \"ns/repo\", \"homepage\": \"https://quay.io/repository/ns/repo\"}";

    private QuayPush() {
    }

    static Pushes parse(JsonNode body, Instant received) {
        String dockerUrl = Payloads.text(Payloads.object(body, WHAT, EXAMPLE), "/docker_url", WHAT)
                .replaceFirst("^https?://", "");
        int slash = dockerUrl.indexOf('/');
        if (slash <= 0) {
            throw ApiException.badRequest("not " + WHAT + ": 'docker_url' must read host/namespace/repository, got '"
                    + dockerUrl + "'");
        }
        String registry = Payloads.host(dockerUrl.substring(0, slash), "docker_url");
        String repository = Payloads.repository(dockerUrl.substring(slash + 1), "docker_url");
        JsonNode tags = body.get("updated_tags");
        List<String> names = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        if (tags != null && tags.isArray()) {
            tags.forEach(t -> names.add(t.asText()));
        } else if (tags != null && tags.isObject()) {
            for (Iterator<String> it = tags.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                names.add(name);
                ids.add(tags.get(name).asText());
            }
        } else {
            throw ApiException.badRequest("not " + WHAT + ": 'updated_tags' is missing or neither a list nor an"
                    + " object");
        }
        String minute = received.truncatedTo(ChronoUnit.MINUTES).toString();
        List<PushEvent> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String tag = Payloads.tag(names.get(i), "updated_tags[" + i + "]");
            out.add(new PushEvent(Payloads.key(SENDER, registry, repository, tag, i < ids.size() ? ids.get(i) : "",
                    minute), registry, repository, Optional.of(tag), Optional.empty(), Optional.empty()));
        }
        return new Pushes(out, 0);
    }
}
