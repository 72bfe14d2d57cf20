package io.plimsoll.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@code plimsoll serve} is configured with: read from a YAML file, then overridden by
 * {@code PLIMSOLL_*} environment variables, then by command-line flags (see {@link ConfigLoader}).
 *
 * @param listen        host and port of the HTTP listener, e.g. {@code 0.0.0.0:6060}; port 0 picks a free one
 * @param tls           present when the listener speaks HTTPS
 * @param maxRequestBytes bodies above this size are refused with 413 before they are read
 * @param idleTimeout   a connection silent for this long is closed (slow-loris guard)
 * @param shutdownGrace in-flight requests get this long to finish on shutdown
 * @param dataDir       where the embedded PostgreSQL keeps its files when no database URL is given
 * @param database      a {@code postgresql://} or {@code jdbc:postgresql://} URL; empty starts the embedded one
 * @param auth          when present, every request but the health checks needs a bearer JWT signed with its key
 * @param catalogLimits what reading one package file may cost ({@code catalog.*}); the process catalogs with them
 * @param adminPassword when present, Anchore's accounts are on: requests may log in with HTTP basic auth, and the
 *                      {@code admin} user of the {@code admin} account has this password
 * @param registries    how registry credentials registered through {@code /v1/registries} are kept
 * @param watcher       the subscription watcher and the webhooks its events are delivered to
 * @param pushWebhooks  the registries' push notifications the server receives ({@code /webhooks/*})
 */
public record ServerConfig(String listen, Optional<Tls> tls, long maxRequestBytes, Duration idleTimeout,
                           Duration shutdownGrace, Path dataDir, Optional<String> database, int databasePoolSize,
                           Set<Role> roles, Optional<Auth> auth, Indexer indexer, Updater updater, Notifier notifier,
                           Analysis analysis, io.plimsoll.ecosystem.CatalogLimits catalogLimits,
                           Optional<Password> adminPassword, Registries registries, Watcher watcher,
                           PushWebhooks pushWebhooks) {

    public ServerConfig {
        roles = roles.isEmpty() ? EnumSet.allOf(Role.class) : EnumSet.copyOf(roles);
    }

    /** The same configuration listening on {@code listen} (the real port once a port-0 listener is bound). */
    public ServerConfig withListen(String listen) {
        return new ServerConfig(listen, tls, maxRequestBytes, idleTimeout, shutdownGrace, dataDir, database,
                databasePoolSize, roles, auth, indexer, updater, notifier, analysis, catalogLimits,
                adminPassword, registries, watcher, pushWebhooks);
    }

    /** True when requests need credentials (basic auth or a bearer token). */
    public boolean authenticated() {
        return auth.isPresent() || adminPassword.isPresent();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The services one process runs; several processes with different roles share one database. */
    public enum Role {
        /** The Anchore-style analysis and policy API ({@code /v1/...}). */
        API,
        /** Clair's indexer API, and the worker that analyses queued images. */
        INDEXER,
        /** Clair's matcher API (vulnerability reports, update operations). */
        MATCHER,
        /** Clair's notifier API and webhook delivery. */
        NOTIFIER,
        /** Scheduled feed updates (one replica at a time). */
        UPDATER;

        public static Role parse(String s) {
            try {
                return Role.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("unknown role '" + s.trim()
                        + "' (roles: api, indexer, matcher, notifier, updater)");
            }
        }
    }

    /** A secret setting; its {@code toString} does not show it, so a logged configuration does not leak it. */
    public record Password(String value) {
        @Override
        public String toString() {
            return "Password[****]";
        }
    }

    /** A PKCS#12 or JKS key store holding the server's certificate and key. */
    public record Tls(Path keyStore, String keyStorePassword) {
    }

    /**
     * Pre-shared-key JWT auth as Clair's {@code auth.psk}: HS256 with {@code key}; when {@code issuers} is not empty
     * the token's {@code iss} must be one of them.
     */
    public record Auth(byte[] key, List<String> issuers) {
    }

    /**
     * @param allowPrivateAddresses layer URIs may point at loopback, link-local and private addresses (off by
     *                              default: an index request must not make the server fetch from its own network)
     * @param fetchTimeout          connect and stall limit when fetching a layer
     * @param layerParallelism      layers of one manifest fetched at once
     * @param maxLayerBytes         the largest layer blob fetched; a larger one is cut as it streams
     * @param imageLimits           what reading one image may cost ({@code image.*}, the CLI's
     *                              {@code --max-expanded-size}, {@code --max-file-size}, {@code --max-entries}), for
     *                              the indexer and the registry analyzer alike
     */
    public record Indexer(boolean allowPrivateAddresses, Duration fetchTimeout, int layerParallelism,
                          long maxLayerBytes, io.plimsoll.image.ImageLimits imageLimits) {
    }

    /**
     * @param interval how often feeds are updated; zero disables the schedule
     * @param sources  which sources (empty: all but nvd, as the CLI's first scan)
     * @param from     read feeds from this directory instead of the network (air-gapped mode)
     * @param feedUrls base URL per source, as the CLI's {@code PLIMSOLL_FEED_<SOURCE>_URL}
     * @param amazonExtras the Amazon Linux 2 extras topics {@code amazon} reads; empty: its default list
     */
    public record Updater(Duration interval, List<String> sources, Optional<Path> from, Map<String, String> feedUrls,
                          Optional<String> nvdApiKey, Optional<List<String>> amazonExtras) {
    }

    /**
     * @param webhook       where each new notification is announced (Clair's callback body); empty: none
     * @param callbackBase  the externally reachable base URL used in the callback link; empty: derived from listen
     * @param deliveryRetry first retry delay; doubles up to {@code maxRetryDelay}
     * @param pageSize      notifications per page served by the notifier API
     * @param poll          how often the notifier looks for unprocessed updates and due deliveries
     */
    public record Notifier(Optional<String> webhook, Optional<String> callbackBase, Duration deliveryRetry,
                           Duration maxRetryDelay, int pageSize, Duration poll) {
    }

    /**
     * @param workers       analysis jobs one replica runs at once
     * @param lease         a job not renewed within this long is taken over by another replica
     * @param poll          how often an idle worker looks for queued jobs
     */
    public record Analysis(int workers, Duration lease, Duration poll) {
    }

    /**
     * @param secretKey the AES key registry passwords are encrypted with at rest; without one, credentials are
     *                  refused (nothing is ever stored in plain text)
     */
    public record Registries(Optional<SecretKey> secretKey) {
    }

    /** Key bytes whose {@code toString} does not show them. */
    public record SecretKey(byte[] bytes) {
        @Override
        public String toString() {
            return "SecretKey[****]";
        }
    }

    /**
     * @param interval      how often watched tags and repositories are polled and subscriptions checked; zero: never
     * @param webhookUrl    where events of active subscriptions are POSTed ({@code <notification_type>} and
     *                      {@code <userId>} are replaced as in Anchore's webhook URLs); empty: kept, not sent
     * @param webhookSecret when present, each delivery is signed: {@code X-Plimsoll-Signature: sha256=HMAC(body)}
     * @param deliveryRetry first retry delay of a failed delivery; doubles up to {@code maxRetryDelay}
     * @param rescan        how often every analysed image is matched and evaluated again (also after each feed
     *                      update that changed data); zero: never
     */
    public record Watcher(Duration interval, Optional<String> webhookUrl, Optional<Password> webhookSecret,
                          Duration deliveryRetry, Duration maxRetryDelay, Duration rescan) {
    }

    /**
     * The push notifications registries send to {@code /webhooks/*}: off (404) until a token is set.
     *
     * @param token         what a sender must present, as {@code Authorization: Bearer …} or {@code ?token=}
     * @param account       the account that owns every image a push queues
     * @param allRegistryPushes distribution's untagged manifest pushes (by digest) are queued too, not only tags
     */
    public record PushWebhooks(Optional<Password> token, String account, boolean allRegistryPushes) {
    }
}
