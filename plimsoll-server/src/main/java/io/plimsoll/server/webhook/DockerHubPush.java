package io.plimsoll.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Docker Hub's repository webhook: {@code push_data.tag} pushed to {@code repository.repo_name} (an image on
 * {@code docker.io}). It names no digest, so the tag is pulled as it is when the worker gets to it. Docker Hub sends
 * no headers of the user's choosing: the token comes as {@code ?token=} in the webhook's URL.
 */
final class DockerHubPush {

    static final String SENDER = "dockerhub";
    private static final String WHAT = "a Docker Hub webhook";
    private static final String EXAMPLE = "{\"push_data\": {\"tag\": \"latest\", \"pushed_at\": 1417566161},"
            + " \"repository\": {\"repo_name\": \"user/repo\"}, \"callback_url\": \"…\"}";

    private DockerHubPush() {
    }

    static Pushes parse(JsonNode body) {
        Payloads.object(body, WHAT, EXAMPLE);
        String repoName = Payloads.text(body, "/repository/repo_name", WHAT);
        // an official image is library/NAME on the registry
        String repository = Payloads.repository(repoName.contains("/") ? repoName : "library/" + repoName,
                "repository.repo_name");
        String tag = Payloads.tag(Payloads.text(body, "/push_data/tag", WHAT), "push_data.tag");
        String pushedAt = body.at("/push_data/pushed_at").asText("");
        return new Pushes(List.of(new PushEvent(Payloads.key(SENDER, repository, tag, pushedAt,
                body.path("callback_url").asText("")), io.plimsoll.model.ImageReference.DOCKER_HUB, repository,
                Optional.of(tag), Optional.empty(), Optional.empty())), 0);
    }
}
