package io.plimsoll.server.harbor;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.analysis.PullAccess;
import io.plimsoll.server.http.ApiException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Harbor's {@code ScanRequest}: which registry to pull from (its URL and an Authorization value) and which artifact
 * (repository and manifest digest; the tag and MIME type are carried into the report). A field that is missing or
 * malformed is a 422, as the spec says.
 */
record HarborScanRequest(PullAccess access, String repository, String digest, Optional<String> tag,
                         Optional<String> mimeType) {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    /** Docker's repository path grammar: lower-case components separated by one of . _ __ - and /. */
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
            + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

    static HarborScanRequest parse(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badRequest("expected a ScanRequest object with \"registry\" and \"artifact\"");
        }
        String url = text(body, "registry", "url", true).orElseThrow();
        Optional<String> authorization = text(body, "registry", "authorization", false);
        String repository = text(body, "artifact", "repository", true).orElseThrow();
        String digest = text(body, "artifact", "digest", true).orElseThrow();
        if (!DIGEST.matcher(digest).matches()) {
            throw invalid("artifact.digest must be sha256: and 64 lower-case hex digits, got '" + digest + "'");
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            throw invalid("artifact.repository is not a repository name: '" + repository + "'");
        }
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw invalid("registry.url is not a URL: '" + url + "'");
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() || uri.getQuery() != null || uri.getUserInfo() != null) {
            throw invalid("registry.url must be the registry's base URL, http(s)://host[:port], got '" + url + "'");
        }
        PullAccess access;
        try {
            access = new PullAccess(uri, authorization);
        } catch (IllegalArgumentException e) {
            throw invalid("registry: " + e.getMessage());
        }
        return new HarborScanRequest(access, repository, digest, text(body, "artifact", "tag", false),
                text(body, "artifact", "mime_type", false));
    }

    /** What the queue pulls: {@code host/repository@digest}. */
    String pullReference() {
        return access.host() + "/" + repository + "@" + digest;
    }

    /** Kept with the submission so the report names the artifact as Harbor did. */
    Map<String, String> annotations() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(HarborReports.REPOSITORY, repository);
        out.put(HarborReports.REGISTRY, access.host());
        tag.ifPresent(t -> out.put(HarborReports.TAG, t));
        mimeType.ifPresent(m -> out.put(HarborReports.MIME_TYPE, m));
        return out;
    }

    private static Optional<String> text(JsonNode body, String object, String field, boolean required) {
        JsonNode parent = body.path(object);
        JsonNode n = parent.path(field);
        if (n.isMissingNode() || n.isNull() || (n.isTextual() && n.asText().isBlank() && !required)) {
            if (required) {
                throw invalid(object + "." + field + " is required");
            }
            return Optional.empty();
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw invalid(object + "." + field + " must be a non-empty string");
        }
        return Optional.of(n.asText().trim());
    }

    private static ApiException invalid(String message) {
        return new ApiException(422, "invalid-field", message);
    }
}
