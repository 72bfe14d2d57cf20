package io.plimsoll.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Harbor's project webhook, the Default payload of its {@code PUSH_ARTIFACT} event: {@code event_data.resources[]}
 * each with the pushed {@code digest}, its {@code tag} and {@code resource_url} (host/repo:tag, as Harbor's
 * external URL names the registry), and {@code event_data.repository.repo_full_name}. Other event types (pulls,
 * deletes, scans) are acknowledged and ignored, so one endpoint may be given every event.
 */
final class HarborPush {

    static final String SENDER = "harbor";
    private static final String WHAT = "a Harbor PUSH_ARTIFACT event";
    private static final String EXAMPLE = "{\"type\": \"PUSH_ARTIFACT\", \"occur_at\": 1586922308, \"event_data\":"
            + " {\"resources\": [{\"digest\": \"sha256:…\", \"tag\": \"latest\","
            + " \"resource_url\": \"host/p/r:latest\"}],"
            + " \"repository\": {\"repo_full_name\": \"p/r\"}}}";

    private HarborPush() {
    }

    static Pushes parse(JsonNode body) {
        String type = Payloads.text(Payloads.object(body, WHAT, EXAMPLE), "/type", WHAT);
        JsonNode resources = body.at("/event_data/resources");
        if (!type.equals("PUSH_ARTIFACT")) {
            return new Pushes(List.of(), Math.max(1, resources.size()));
        }
        if (!resources.isArray()) {
            throw ApiException.badRequest("not " + WHAT + ": 'event_data.resources' is missing or not an array");
        }
        String repository = Payloads.repository(Payloads.text(body, "/event_data/repository/repo_full_name", WHAT),
                "event_data.repository.repo_full_name");
        String occurAt = body.path("occur_at").asText("");
        List<PushEvent> out = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            String where = "event_data.resources[" + i + "]";
            JsonNode r = resources.get(i);
            String url = Payloads.text(r, "/resource_url", WHAT + " (" + where + ")");
            String digest = Payloads.digest(Payloads.text(r, "/digest", WHAT + " (" + where + ")"), where + ".digest");
            Optional<String> tag = Payloads.optionalText(r, "/tag").map(t -> Payloads.tag(t, where + ".tag"));
            out.add(new PushEvent(Payloads.key(SENDER, repository, digest, tag.orElse(""), occurAt),
                    registry(url, repository, where), repository, tag, Optional.of(digest), Optional.empty()));
        }
        return new Pushes(out, 0);
    }

    /** The host in front of the repository in {@code resource_url} ({@code hub.harbor.com/p/r:latest}). */
    private static String registry(String resourceUrl, String repository, String where) {
        String s = resourceUrl.replaceFirst("^https?://", "");
        int slash = s.indexOf('/');
        if (slash <= 0 || !s.substring(slash + 1).startsWith(repository)) {
            throw ApiException.badRequest(where + ".resource_url does not read host/" + repository + "…: '"
                    + resourceUrl + "'");
        }
        return Payloads.host(s.substring(0, slash), where + ".resource_url");
    }
}
