package io.plimsoll.ecosystem.npm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * package.json's people fields ({@code author}, {@code authors}, {@code contributors}, {@code maintainers}) as one
 * line: {@code Name <email> (url), …}. Each field may be a string, an object or an array of either.
 */
final class NpmPeople {

    private NpmPeople() {
    }

    static String of(JsonNode packageJson) {
        List<String> people = new ArrayList<>();
        for (String field : List.of("author", "authors", "contributors", "maintainers")) {
            add(packageJson.get(field), people);
        }
        return String.join(", ", people);
    }

    private static void add(JsonNode node, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                if (!n.isArray()) {
                    add(n, out);
                }
            }
            return;
        }
        String person = node.isTextual() ? node.asText().trim() : node.isObject() ? person(node) : "";
        if (!person.isEmpty()) {
            out.add(person);
        }
    }

    /** {@code {"name": …, "email": …, "url": …}} written the way npm writes a person string. */
    private static String person(JsonNode o) {
        StringBuilder s = new StringBuilder(text(o, "name"));
        String email = text(o, "email");
        String url = text(o, "url");
        if (!email.isEmpty()) {
            s.append(s.length() > 0 ? " " : "").append('<').append(email).append('>');
        }
        if (!url.isEmpty()) {
            s.append(s.length() > 0 ? " " : "").append('(').append(url).append(')');
        }
        return s.toString();
    }

    static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n != null && n.isValueNode() && !n.isNull() ? n.asText().trim() : "";
    }
}
