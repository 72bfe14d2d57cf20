package io.plimsoll.server.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.model.Digest;
import io.plimsoll.server.http.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Clair's manifest body: the image's digest and its layers, each with where to fetch it. */
record ManifestRequest(Digest hash, List<LayerRef> layers) {

    record LayerRef(Digest hash, URI uri, Map<String, List<String>> headers, Optional<String> mediaType) {
    }

    /** Parses and checks a body; anything missing or malformed is a 400 naming the field. */
    static ManifestRequest parse(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badRequest("a manifest must be a JSON object with 'hash' and 'layers'");
        }
        Digest hash = digest(body.path("hash"), "hash");
        List<LayerRef> layers = new ArrayList<>();
        JsonNode list = body.path("layers");
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            throw ApiException.badRequest("'layers' must be an array");
        }
        int i = 0;
        for (JsonNode l : list) {
            String where = "layers[" + i++ + "]";
            Digest lh = digest(l.path("hash"), where + ".hash");
            String u = l.path("uri").asText("");
            if (u.isEmpty()) {
                throw ApiException.badRequest(where + ".uri is required");
            }
            URI uri;
            try {
                uri = new URI(u);
            } catch (URISyntaxException e) {
                throw ApiException.badRequest(where + ".uri is not a valid URI: " + u);
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            JsonNode h = l.path("headers");
            if (h.isObject()) {
                h.fields().forEachRemaining(e -> {
                    List<String> values = new ArrayList<>();
                    if (e.getValue().isArray()) {
                        e.getValue().forEach(v -> values.add(v.asText()));
                    } else {
                        values.add(e.getValue().asText());
                    }
                    headers.put(e.getKey(), values);
                });
            } else if (!h.isMissingNode() && !h.isNull()) {
                throw ApiException.badRequest(where + ".headers must be an object of header name to values");
            }
            Optional<String> mediaType = Optional.ofNullable(l.path("media_type").textValue()).filter(s -> !s.isEmpty());
            layers.add(new LayerRef(lh, uri, headers, mediaType));
        }
        return new ManifestRequest(hash, layers);
    }

    /** A digest as Clair accepts it in bodies and paths; a malformed one is a 400. */
    static Digest digest(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw ApiException.badRequest(field + " is required (a digest such as sha256:<64 hex>)");
        }
        return digest(node.asText(), field);
    }

    static Digest digest(String text, String field) {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field + " '" + text + "' is not a valid digest: " + e.getMessage());
        }
    }
}
