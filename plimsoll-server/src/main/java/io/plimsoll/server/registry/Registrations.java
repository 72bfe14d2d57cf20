package io.plimsoll.server.registry;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.registry.Credentials;
import io.plimsoll.image.registry.DockerConfig;
import io.plimsoll.image.registry.RegistryClient;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.http.ApiException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rules of registering an account's registry credentials, shared by {@code /v1/registries} and the web UI: the
 * registry's form, one registration per registry, the types, no password stored without
 * {@code registries.secret_key}, and a login tried first unless told not to. A broken rule is a 400/404/409 saying
 * which. Passwords go in and never come out.
 */
public final class Registrations {

    public static final List<String> TYPES = List.of("docker_v2", "awsecr");

    private final RegistryRepository registries;
    private final RegistryAccess access;

    public Registrations(ServerContext ctx) throws ImageException {
        this.registries = RegistryAccess.repository(ctx);
        // logins use the same settings as pulls, so a validated registry is one the analysis can pull from
        this.access = new RegistryAccess(registries, RegistrySettings.defaults(DockerConfig.fromEnvironment()),
                new io.plimsoll.image.net.AddressGuard(ctx.config().indexer().allowPrivateAddresses()));
    }

    /** What one registration asks for; {@code update} for a change of an existing one. */
    public record Request(String registry, Optional<String> user, Optional<String> password, String type,
                          boolean verify,
                          Optional<String> name, boolean validate, boolean update) {
    }

    public List<RegistryEntry> list(String account) throws SQLException {
        return registries.list(account);
    }

    public Optional<RegistryEntry> get(String account, String registry) throws SQLException {
        return registries.get(account, registry);
    }

    public RegistryEntry existing(String account, String registry) throws SQLException {
        return registries.get(account, registry).orElseThrow(() -> ApiException.notFound("no registry " + registry
                + " (add it with POST /v1/registries)"));
    }

    /** Adds or updates a registration by {@link Request}'s rules; the stored entry. */
    public RegistryEntry save(String account, Request r) throws SQLException {
        String registry = r.registry();
        if (!registry.matches("[A-Za-z0-9.\\-\\[\\]:]+(/[A-Za-z0-9._\\-/]+)?(/\\*)?")) {
            throw ApiException.badRequest("\"registry\" must be host[:port], optionally with a repository prefix"
                    + " (host/org or host/org/*), got '" + registry + "'");
        }
        Optional<RegistryEntry> before = registries.get(account, registry);
        if (!r.update() && before.isPresent()) {
            throw ApiException.conflict("registry " + registry + " is already registered; change it with PUT"
                    + " /v1/registries/" + registry + " (anchore-cli registry update)");
        }
        if (r.update() && before.isEmpty()) {
            throw ApiException.notFound("no registry " + registry + " (add it with POST /v1/registries)");
        }
        String user = r.user().orElseThrow(() -> ApiException.badRequest("\"registry_user\" is required"));
        String password = r.password().orElseThrow(() -> ApiException.badRequest("\"registry_pass\" is required"));
        if (!TYPES.contains(r.type())) {
            throw ApiException.badRequest("\"registry_type\" must be one of " + TYPES + ", got '" + r.type() + "'");
        }
        if (!registries.canStoreSecrets()) {
            throw ApiException.badRequest("this server keeps no registry credentials: set registries.secret_key"
                    + " (PLIMSOLL_SERVER_REGISTRIES_SECRET_KEY, openssl rand -base64 32) so they are encrypted at"
                    + " rest");
        }
        Instant now = Instant.now();
        RegistryEntry entry = new RegistryEntry(account, registry, r.name().orElse(registry), r.type(), user,
                r.verify(), before.map(RegistryEntry::createdAt).orElse(now), now);
        if (r.validate()) {
            try {
                new RegistryClient(access.registered(entry, new Credentials(user, password)))
                        .checkLogin(entry.host());
            } catch (ImageException e) {
                throw ApiException.badRequest("cannot log in to registry " + entry.host() + " as '" + user
                        + "': " + e.getMessage() + " (add it with --skip-validate / ?validate=false to store it"
                        + " anyway)");
            }
        }
        registries.save(entry, password);
        return registries.get(account, registry).orElseThrow();
    }

    /** Removes the account's registration; a registry it has none for is a 404. */
    public void delete(String account, String registry) throws SQLException {
        existing(account, registry);
        registries.delete(account, registry);
    }
}
