package io.plimsoll.server.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.util.URIUtil;

/**
 * Maps method and path to a {@link Route}. Templates use {@code {name}} for one path segment; the template (not the
 * concrete path) is what metrics and logs record, so digests do not explode their cardinality.
 */
public final class Router {

    private final List<Entry> entries = new ArrayList<>();

    /** @param publicRoute true for routes that need no token even when auth is configured (health checks) */
    public record Entry(String method, String template, String[] segments, Route route, boolean publicRoute) {
    }

    /** A found route with its path parameters. */
    public record Match(Entry entry, Map<String, String> params) {
    }

    public Router get(String template, Route route) {
        return add("GET", template, route, false);
    }

    public Router post(String template, Route route) {
        return add("POST", template, route, false);
    }

    public Router put(String template, Route route) {
        return add("PUT", template, route, false);
    }

    public Router delete(String template, Route route) {
        return add("DELETE", template, route, false);
    }

    public synchronized Router add(String method, String template, Route route, boolean publicRoute) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("route template must start with /: " + template);
        }
        for (Entry e : entries) {
            if (e.method.equals(method) && e.template.equals(template)) {
                throw new IllegalArgumentException("route registered twice: " + method + " " + template);
            }
        }
        entries.add(new Entry(method, template, split(template), route, publicRoute));
        return this;
    }

    /** Every registered route, in registration order (a document of the API is checked against them). */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The route for this method and path, if any. */
    public Optional<Match> find(String method, String path) {
        return find(method, split(path));
    }

    private Optional<Match> find(String method, String[] parts) {
        for (Entry e : entries) {
            if (e.method.equals(method) || (method.equals("HEAD") && e.method.equals("GET"))) {
                Map<String, String> params = match(e.segments, parts);
                if (params != null) {
                    return Optional.of(new Match(e, params));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The route for a path still percent-encoded, split at its real slashes only: an encoded slash ({@code %2F})
     * stays in its segment, so a parameter may hold one ({@code /v1/registries/host%3A5000%2Fns}).
     */
    public Optional<Match> findEncoded(String method, String rawPath) {
        String[] parts = split(rawPath);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = URIUtil.decodePath(parts[i]);
        }
        return find(method, parts);
    }

    /** The methods some route accepts at this path: for 405 with an Allow header. */
    public Set<String> methodsFor(String path) {
        String[] parts = split(path);
        Set<String> out = new TreeSet<>();
        for (Entry e : entries) {
            if (match(e.segments, parts) != null) {
                out.add(e.method);
            }
        }
        return out;
    }

    private static Map<String, String> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.length() > 2 && t.charAt(0) == '{' && t.charAt(t.length() - 1) == '}') {
                if (path[i].isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new LinkedHashMap<>();
                }
                params.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
