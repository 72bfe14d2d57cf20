package io.plimsoll.vuln.match;

/**
 * One lookup a {@link MatchRule} asks for: rows for {@code name} in {@code namespace}, compared against
 * {@code version} (e.g. a Debian binary package's SOURCE name and version).
 */
public record MatchQuery(String namespace, String name, String version) {
}
