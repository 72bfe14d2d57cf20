package io.plimsoll.image.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses an untrusted URL must not reach: every block of IANA's IPv4 and IPv6 special-purpose address
 * registries (including the few marked globally reachable: nothing a layer or registry lives on), multicast,
 * IPv4's reserved 240/4, and IPv6 outside global unicast 2000::/3. IPv6 forms that carry an IPv4 address (mapped,
 * SIIT-translated, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the IPv4 address inside, since that is where
 * the packet ends up; Teredo (2001::/32) is inside the refused 2001::/23.
 */
public final class SpecialAddresses {

    /** A refused block and the registry's name for it. */
    record Block(byte[] prefix, int bits, String cidr, String name) {

        static Block of(String cidr, String name) {
            int slash = cidr.indexOf('/');
            byte[] prefix = literal(cidr.substring(0, slash));
            return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), cidr, name);
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final List<Block> IPV4 = List.of(
            Block.of("0.0.0.0/8", "this network"),
            Block.of("10.0.0.0/8", "private use"),
            Block.of("100.64.0.0/10", "shared address space"),
            Block.of("127.0.0.0/8", "loopback"),
            Block.of("169.254.0.0/16", "link local"),
            Block.of("172.16.0.0/12", "private use"),
            Block.of("192.0.0.0/24", "IETF protocol assignments"),
            Block.of("192.0.2.0/24", "documentation (TEST-NET-1)"),
            Block.of("192.31.196.0/24", "AS112-v4"),
            Block.of("192.52.193.0/24", "AMT"),
            Block.of("192.88.99.0/24", "deprecated 6to4 relay anycast"),
            Block.of("192.168.0.0/16", "private use"),
            Block.of("192.175.48.0/24", "direct delegation AS112 service"),
            Block.of("198.18.0.0/15", "benchmarking"),
            Block.of("198.51.100.0/24", "documentation (TEST-NET-2)"),
            Block.of("203.0.113.0/24", "documentation (TEST-NET-3)"),
            Block.of("224.0.0.0/4", "multicast"),
            Block.of("255.255.255.255/32", "limited broadcast"), // before 240/4, which holds it: the precise name
            Block.of("240.0.0.0/4", "reserved"));

    private static final List<Block> IPV6 = List.of(
            Block.of("::/128", "unspecified"),
            Block.of("::1/128", "loopback"),
            Block.of("64:ff9b:1::/48", "IPv4-IPv6 translation, local use"),
            Block.of("100::/64", "discard only"),
            Block.of("100:0:0:1::/64", "dummy IPv6 prefix"),
            Block.of("2001::/23", "IETF protocol assignments (incl. Teredo 2001::/32)"),
            Block.of("2001:db8::/32", "documentation"),
            Block.of("2620:4f:8000::/48", "direct delegation AS112 service"),
            Block.of("3fff::/20", "documentation"),
            Block.of("5f00::/16", "segment routing (SRv6) SIDs"),
            Block.of("fc00::/7", "unique local"),
            Block.of("fe80::/10", "link-local unicast"),
            Block.of("fec0::/10", "deprecated site-local"),
            Block.of("ff00::/8", "multicast"));

    private static final Block GLOBAL_UNICAST = Block.of("2000::/3", "global unicast");
    private static final Block MAPPED = Block.of("::ffff:0:0/96", "IPv4-mapped");
    private static final Block TRANSLATED = Block.of("::ffff:0:0:0/96", "IPv4-translated (SIIT)");
    private static final Block COMPATIBLE = Block.of("::/96", "IPv4-compatible (deprecated)");
    private static final Block NAT64 = Block.of("64:ff9b::/96", "IPv4-IPv6 translation");
    private static final Block SIX_TO_FOUR = Block.of("2002::/16", "6to4");

    private SpecialAddresses() {
    }

    /** Why {@code address} must not be reached, or empty when it is an ordinary public address. */
    public static Optional<String> reason(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return match(IPV4, b);
        }
        if (!(address instanceof Inet6Address)) {
            return Optional.of("not an IP address");
        }
        for (Block carrier : List.of(MAPPED, TRANSLATED, NAT64)) {
            if (carrier.contains(b)) {
                return embedded(carrier, b, 12);
            }
        }
        if (SIX_TO_FOUR.contains(b)) {
            return embedded(SIX_TO_FOUR, b, 2);
        }
        if (COMPATIBLE.contains(b) && !match(IPV6, b).isPresent()) {
            return Optional.of(COMPATIBLE.name() + ", " + COMPATIBLE.cidr());
        }
        Optional<String> special = match(IPV6, b);
        if (special.isPresent()) {
            return special;
        }
        return GLOBAL_UNICAST.contains(b) ? Optional.empty() : Optional.of("not global unicast (outside 2000::/3)");
    }

    /** The blocks an on-premises registry lives in: the site's own networks and the host itself. */
    private static final List<String> ON_PREMISES = List.of("private use", "shared address space", "unique local",
            "loopback");

    /**
     * Whether {@code address} is on a site's own network (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) or the
     * host's loopback, also in an IPv4-mapped form; not link-local (where clouds answer metadata and credentials),
     * nor any other special block.
     */
    public static boolean onPremises(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address && MAPPED.contains(b)) {
            b = new byte[] {b[12], b[13], b[14], b[15]};
        }
        List<Block> blocks = b.length == 4 ? IPV4 : IPV6;
        byte[] bytes = b;
        return blocks.stream().filter(k -> k.contains(bytes)).findFirst()
                .filter(k -> ON_PREMISES.contains(k.name())).isPresent();
    }

    private static Optional<String> embedded(Block carrier, byte[] b, int at) {
        byte[] v4 = {b[at], b[at + 1], b[at + 2], b[at + 3]};
        return match(IPV4, v4).map(why -> carrier.name() + " form of " + (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "."
                + (v4[2] & 0xff) + "." + (v4[3] & 0xff) + ", " + why);
    }

    private static Optional<String> match(List<Block> blocks, byte[] b) {
        return blocks.stream().filter(k -> k.contains(b)).findFirst().map(k -> k.name() + ", " + k.cidr());
    }

    /** A numeric literal as bytes; IPv6 literals are kept 16 bytes long even when they carry an IPv4 address. */
    static byte[] literal(String text) {
        try {
            InetAddress a = InetAddress.getByName(text); // a literal: no lookup
            byte[] b = a.getAddress();
            if (text.contains(":") && b.length == 4) { // Java turns ::ffff:a.b.c.d into an Inet4Address
                byte[] v6 = new byte[16];
                v6[10] = (byte) 0xff;
                v6[11] = (byte) 0xff;
                System.arraycopy(b, 0, v6, 12, 4);
                return v6;
            }
            return b;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + text, e);
        }
    }
}
