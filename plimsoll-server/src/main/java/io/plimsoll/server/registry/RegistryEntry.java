package io.plimsoll.server.registry;

import java.time.Instant;

/**
 * One registry an account registered, without its password (which never leaves {@link RegistryRepository}
 * decrypted except as pull credentials).
 *
 * @param registry host[:port] as a pull names it, or a repository prefix ({@code host/org}, {@code host/org/*})
 * @param verify   false for {@code anchore-cli registry add --insecure}: the registry may be reached over plain HTTP
 */
public record RegistryEntry(String account, String registry, String name, String type, String user, boolean verify,
                            Instant createdAt, Instant lastUpdated) {

    /** The host[:port] part, where a login goes. */
    public String host() {
        int slash = registry.indexOf('/');
        return slash < 0 ? registry : registry.substring(0, slash);
    }

    /**
     * How specifically this entry covers {@code registry/repository} (longer prefixes win), or -1 when it does not:
     * {@code host} covers every repository there, {@code host/org} and {@code host/org/*} those under org.
     */
    int covers(String host, String repository) {
        String full = host + "/" + repository;
        String prefix = registry.endsWith("/*") ? registry.substring(0, registry.length() - 2) : registry;
        if (full.equals(prefix) || full.startsWith(prefix + "/")) {
            return prefix.length();
        }
        return -1;
    }
}
