package io.plimsoll.server.index;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Keeps an index request from making the server fetch from its own network (SSRF): a layer URI must be http(s)
 * and every address its host resolves to must be public. Loopback, link-local (cloud metadata services),
 * private (RFC 1918, RFC 6598 shared space, IPv6 ULA), unspecified and multicast addresses are refused unless the
 * configuration allows private addresses. Redirects are checked the same way by the fetcher.
 *
 * <p>The host is resolved here and again by the HTTP client; a DNS answer that changes in between (rebinding) is
 * not caught. Deployments that need that guarantee put the indexer behind an egress proxy.
 */
class AddressGuard {

    private final boolean allowPrivate;

    AddressGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Refused: the URI, and why, for the client. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    void check(URI uri) throws Refused {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("layer URI " + uri + " is not http or https");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new Refused("layer URI " + uri + " has no host");
        }
        if (allowPrivate) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("layer URI " + uri + ": host " + host + " does not resolve");
        }
        for (InetAddress a : addresses) {
            if (isInternal(a)) {
                throw new Refused("layer URI " + uri + " resolves to " + a.getHostAddress()
                        + ", a loopback, link-local, private or unspecified address (allowed only with "
                        + "indexer.allow_private_addresses)");
            }
        }
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second < 128) // RFC 6598 carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0); // IETF protocol assignments
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local
            }
            boolean v4Compatible = true; // ::a.b.c.d and ::ffff:a.b.c.d carry an IPv4 address
            for (int i = 0; i < 10; i++) {
                v4Compatible &= b[i] == 0;
            }
            if (v4Compatible && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
