package io.plimsoll.server.registry;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.net.AddressGuard;
import io.plimsoll.image.registry.Credentials;
import io.plimsoll.image.registry.RegistryReference;
import io.plimsoll.image.registry.RegistrySettings;
import io.plimsoll.server.ServerContext;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * How the server talks to a registry on an account's behalf: with the credentials the account registered for it
 * (the most specific entry covering the repository), else anonymously. A registry the account registered may be on
 * a private network (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) or loopback, since an on-premises registry is
 * the point of registering one, but not link-local (cloud metadata) or another special block; any other host stays
 * behind the full address guard. {@code indexer.allow_private_addresses} lifts both.
 */
public final class RegistryAccess {

    private final RegistryRepository registries;
    private final RegistrySettings base;
    private final AddressGuard guard;

    /** @param base the process's registry settings (docker's config, timeouts), before any guard */
    public RegistryAccess(ServerContext ctx, RegistrySettings base) {
        this(repository(ctx), base, new AddressGuard(ctx.config().indexer().allowPrivateAddresses()));
    }

    RegistryAccess(RegistryRepository registries, RegistrySettings base, AddressGuard guard) {
        this.registries = registries;
        this.base = base;
        this.guard = guard;
    }

    static RegistryRepository repository(ServerContext ctx) {
        return new RegistryRepository(ctx.database(),
                ctx.config().registries().secretKey().map(k -> new SecretBox(k.bytes())));
    }

    /** The settings for a pull of {@code ref} by {@code account}. */
    public RegistrySettings settingsFor(String account, RegistryReference ref) throws ImageException {
        Optional<RegistryRepository.Access> access;
        try {
            access = registries.access(account, ref.registry(), ref.repository());
        } catch (SQLException e) {
            throw new ImageException(ref.toString(), "cannot read the account's registry credentials ("
                    + e.getMessage() + ")", e);
        } catch (IllegalStateException e) {
            throw new ImageException(ref.toString(), e.getMessage(), e);
        }
        if (access.isEmpty()) {
            return base.withAddressGuard(guard);
        }
        return registered(access.get().entry(), access.get().credentials());
    }

    /** The settings for a registry the account registered (or is registering: its login is validated with them). */
    RegistrySettings registered(RegistryEntry entry, Credentials credentials) {
        // on a private network or loopback, as an on-premises registry is; never link-local (cloud metadata) or
        // another special block unless private addresses are allowed: any account may register a host
        RegistrySettings s = base.withCredentials(credentials)
                .withAddressGuard(guard.allowsPrivate() ? guard : AddressGuard.onPremises());
        return entry.verify() ? s : s.withInsecure(Set.of(entry.host()));
    }
}
