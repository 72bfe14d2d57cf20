package io.plimsoll.image.registry;

import io.plimsoll.image.net.AddressGuard;
import io.plimsoll.image.net.HttpClients;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How to talk to registries.
 *
 * @param credentials given explicitly (e.g. {@code --username}/{@code --password-stdin}); they win over the config
 * @param dockerConfig where stored credentials are looked up
 * @param insecure    hosts (host or host:port) that may be reached over plain HTTP besides localhost/127.0.0.1
 * @param attempts    tries per request when the registry answers 429/5xx or the connection fails
 * @param maxBackoff  the longest wait between tries, whatever {@code Retry-After} says
 * @param blobCache   where pulled blobs are kept by digest, if anywhere
 * @param tls         the TLS context when more than the system's CAs are trusted ({@code --ca-cert})
 * @param addressGuard when present, every request (redirects and token services included) goes only to addresses
 *                    it allows, connected to as resolved (the server pulling what an API client named)
 * @param http        the proxy rules and user agent (the process's own unless a test gives others)
 */
public record RegistrySettings(Optional<Credentials> credentials, DockerConfig dockerConfig, Set<String> insecure,
                               Duration connectTimeout, Duration requestTimeout, int attempts, Duration firstBackoff,
                               Duration maxBackoff, Optional<BlobCache> blobCache,
                               Optional<javax.net.ssl.SSLContext> tls, Optional<AddressGuard> addressGuard,
                               HttpClients http) {

    public RegistrySettings {
        insecure = Set.copyOf(insecure);
    }

    /** Docker's own credentials, HTTPS everywhere but the local host, connect timeout 10 s, 4 tries. */
    public static RegistrySettings defaults(DockerConfig config) {
        return new RegistrySettings(Optional.empty(), config, Set.of(), Duration.ofSeconds(10), Duration.ofMinutes(5),
                4, Duration.ofMillis(500), Duration.ofSeconds(30), Optional.empty(),
                Optional.empty(), Optional.empty(), HttpClients.system());
    }

    public RegistrySettings withCredentials(Credentials c) {
        return new RegistrySettings(Optional.of(c), dockerConfig, insecure, connectTimeout, requestTimeout, attempts,
                firstBackoff, maxBackoff, blobCache, tls, addressGuard, http);
    }

    public RegistrySettings withInsecure(Set<String> hosts) {
        return new RegistrySettings(credentials, dockerConfig, hosts, connectTimeout, requestTimeout, attempts,
                firstBackoff, maxBackoff, blobCache, tls, addressGuard, http);
    }

    public RegistrySettings withBackoff(Duration first, Duration max) {
        return new RegistrySettings(credentials, dockerConfig, insecure, connectTimeout, requestTimeout, attempts,
                first, max, blobCache, tls, addressGuard, http);
    }

    public RegistrySettings withBlobCache(Optional<BlobCache> cache) {
        return new RegistrySettings(credentials, dockerConfig, insecure, connectTimeout, requestTimeout, attempts,
                firstBackoff, maxBackoff, cache, tls, addressGuard, http);
    }

    public RegistrySettings withTls(javax.net.ssl.SSLContext context) {
        return new RegistrySettings(credentials, dockerConfig, insecure, connectTimeout, requestTimeout, attempts,
                firstBackoff, maxBackoff, blobCache, Optional.of(context), addressGuard, http);
    }

    public RegistrySettings withHttp(HttpClients clients) {
        return new RegistrySettings(credentials, dockerConfig, insecure, connectTimeout, requestTimeout, attempts,
                firstBackoff, maxBackoff, blobCache, tls, addressGuard, clients);
    }

    public RegistrySettings withAddressGuard(AddressGuard guard) {
        return new RegistrySettings(credentials, dockerConfig, insecure, connectTimeout, requestTimeout, attempts,
                firstBackoff, maxBackoff, blobCache, tls, Optional.of(guard), http);
    }
}
