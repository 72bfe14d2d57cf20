package io.plimsoll.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node of a parsed JSON or YAML document with the file and the path that reached it
 * ({@code policies[0].rules[3].params}), so every error names both.
 */
record Node(String file, String path, JsonNode json) {

    static Node root(String file, JsonNode json) {
        return new Node(file, "", json);
    }

    boolean present() {
        return json != null && !json.isMissingNode() && !json.isNull();
    }

    boolean has(String field) {
        return json != null && json.isObject() && json.hasNonNull(field);
    }

    /** The first of {@code names} present here (Anchore 1_0 and 2 spell some fields differently). */
    Node field(String... names) {
        for (String name : names) {
            if (has(name)) {
                return child(name);
            }
        }
        return child(names[0]);
    }

    Node child(String name) {
        return new Node(file, path.isEmpty() ? name : path + "." + name, json == null ? null : json.get(name));
    }

    /** Elements of an array field; a missing field is empty; anything else is an error. */
    List<Node> elements() throws PolicyException {
        if (!present()) {
            return List.of();
        }
        if (!json.isArray()) {
            throw error("expected a list, found " + kind());
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            out.add(new Node(file, path + "[" + i + "]", json.get(i)));
        }
        return out;
    }

    List<Map.Entry<String, Node>> entries() throws PolicyException {
        if (!present()) {
            return List.of();
        }
        if (!json.isObject()) {
            throw error("expected a mapping of names to values, found " + kind());
        }
        List<Map.Entry<String, Node>> out = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            out.add(Map.entry(name, child(name)));
        }
        return out;
    }

    List<String> fieldNames() {
        List<String> out = new ArrayList<>();
        if (json != null && json.isObject()) {
            json.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    /** A scalar as text: numbers and booleans are accepted and stringified (real bundles have them). */
    Optional<String> text() throws PolicyException {
        if (!present()) {
            return Optional.empty();
        }
        if (json.isValueNode()) {
            return Optional.of(json.asText());
        }
        throw error("expected a single value, found " + kind());
    }

    String required(String... names) throws PolicyException {
        Node n = field(names);
        Optional<String> v = n.text().map(String::strip).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            throw error("'" + names[0] + "' is missing");
        }
        return v.get();
    }

    String optional(String... names) throws PolicyException {
        return field(names).text().orElse(null);
    }

    /** A list of ids: a list of scalars, or a single scalar. */
    List<String> ids(String... names) throws PolicyException {
        Node n = field(names);
        if (!n.present()) {
            return List.of();
        }
        if (n.json.isValueNode()) {
            return List.of(n.json.asText());
        }
        List<String> out = new ArrayList<>();
        for (Node e : n.elements()) {
            out.add(e.text().orElseThrow(() -> e.error("an id is empty")));
        }
        return out;
    }

    String kind() {
        if (json == null || json.isMissingNode()) {
            return "nothing";
        }
        return switch (json.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case STRING -> "text '" + json.asText() + "'";
            case NULL -> "null";
            default -> json.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + json.asText();
        };
    }

    String where() {
        return path.isEmpty() ? file : file + " " + path;
    }

    PolicyException error(String reason) {
        return new PolicyException(where(), reason);
    }
}
