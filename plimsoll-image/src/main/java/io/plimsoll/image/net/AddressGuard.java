package io.plimsoll.image.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps a request made on behalf of a client (a layer URI in an index request, an image reference given to the
 * API) from reaching the server's own network (SSRF). A URL must be http(s), and every address its host resolves to
 * must be outside {@link SpecialAddresses}, unless the configuration allows private addresses.
 *
 * <p>The host is resolved once, here; {@link PinnedHttp} connects to exactly the addresses this returned and
 * checks the connected address again, so a DNS answer that changes between check and connect (rebinding) is never
 * used.
 */
public class AddressGuard {

    private final boolean allowPrivate;
    private final boolean allowOnPremises;

    public AddressGuard(boolean allowPrivate) {
        this(allowPrivate, allowPrivate);
    }

    private AddressGuard(boolean allowPrivate, boolean allowOnPremises) {
        this.allowPrivate = allowPrivate;
        this.allowOnPremises = allowOnPremises;
    }

    /** A guard that lets everything through (the CLI pulling what its user asked for). */
    public static AddressGuard permissive() {
        return new AddressGuard(true);
    }

    /**
     * A guard for a host an account registered on purpose (an on-premises registry): private networks and loopback
     * ({@link SpecialAddresses#onPremises}) are allowed; link-local (cloud metadata) and every other special block
     * still are not.
     */
    public static AddressGuard onPremises() {
        return new AddressGuard(false, true);
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** Refuses a URL that is not http(s) or has no host, without resolving it. */
    public void checkForm(URI uri) throws AddressRefusedException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new AddressRefusedException(uri + " is not http or https");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new AddressRefusedException(uri + " has no host");
        }
    }

    /** The addresses to connect to for {@code uri}: resolved once, each one allowed. */
    public List<InetAddress> resolve(URI uri) throws AddressRefusedException {
        checkForm(uri);
        String host = uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new AddressRefusedException(uri + ": host " + host + " does not resolve");
        }
        for (InetAddress a : addresses) {
            check(uri, a);
        }
        return List.of(addresses);
    }

    /** Refuses {@code address} (resolved from {@code uri}) when it is special-purpose and that is not allowed. */
    public void check(URI uri, InetAddress address) throws AddressRefusedException {
        if (allowPrivate || allowOnPremises && SpecialAddresses.onPremises(address)) {
            return;
        }
        Optional<String> why = SpecialAddresses.reason(address);
        if (why.isPresent()) {
            throw new AddressRefusedException(uri + " resolves to " + address.getHostAddress() + " (" + why.get()
                    + "), which is not " + (allowOnPremises ? "a public, private-network or loopback address"
                    : "a public address") + " (allowed only with indexer.allow_private_addresses)");
        }
    }
}
