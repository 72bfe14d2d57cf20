package io.plimsoll.image.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The address table: each refused block by an address inside it, and public neighbours that must stay allowed. */
class SpecialAddressesTest {

    @ParameterizedTest(name = "{0} is refused ({1})")
    @CsvSource(delimiter = '|', value = {
            "0.0.0.0 | this network",
            "0.1.2.3 | this network",
            "10.1.2.3 | private use",
            "100.64.0.1 | shared address space",
            "100.127.255.254 | shared address space",
            "127.0.0.1 | loopback",
            "127.255.255.254 | loopback",
            "169.254.169.254 | link local",
            "172.16.0.1 | private use",
            "172.31.255.255 | private use",
            "192.0.0.8 | IETF protocol assignments",
            "192.0.2.1 | TEST-NET-1",
            "192.31.196.1 | AS112-v4",
            "192.52.193.1 | AMT",
            "192.88.99.1 | 6to4 relay",
            "192.168.1.1 | private use",
            "192.175.48.1 | AS112 service",
            "198.18.0.1 | benchmarking",
            "198.19.255.255 | benchmarking",
            "198.51.100.7 | TEST-NET-2",
            "203.0.113.9 | TEST-NET-3",
            "224.0.0.1 | multicast",
            "239.255.255.250 | multicast",
            "240.0.0.1 | reserved",
            "254.1.2.3 | reserved",
            "255.255.255.255 | limited broadcast",
            ":: | unspecified",
            "::1 | loopback",
            "::ffff:127.0.0.1 | loopback",
            "::ffff:169.254.169.254 | link local",
            "::ffff:0:10.0.0.1 | IPv4-translated",
            "::127.0.0.1 | IPv4-compatible",
            "::8.8.8.8 | IPv4-compatible",
            "64:ff9b::7f00:1 | IPv4-IPv6 translation form of 127.0.0.1",
            "64:ff9b::a9fe:a9fe | IPv4-IPv6 translation form of 169.254.169.254",
            "64:ff9b::c612:1 | benchmarking",
            "64:ff9b:1::1 | translation, local use",
            "100::1 | discard only",
            "2001::1 | Teredo",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2 | Teredo",
            "2001:db8::1 | documentation",
            "2002:7f00:1::1 | 6to4 form of 127.0.0.1",
            "2002:a00:1::1 | 6to4 form of 10.0.0.1",
            "2002:c0a8:101::1 | 6to4 form of 192.168.1.1",
            "2620:4f:8000::1 | AS112",
            "3fff::1 | documentation",
            "5f00::1 | SRv6",
            "fc00::1 | unique local",
            "fd12:3456::1 | unique local",
            "fd00::1 | unique local",
            "fe80::1 | link-local",
            "fec0::1 | site-local",
            "ff02::1 | multicast",
            "4000::1 | not global unicast",
            "::2 | IPv4-compatible",
            // the registries' smaller entries, each inside a block above
            "192.0.0.9 | IETF protocol assignments",
            "192.0.0.170 | IETF protocol assignments",
            "100:0:0:1::1 | dummy IPv6 prefix",
            "2001:1::1 | IETF protocol assignments",
            "2001:1::3 | IETF protocol assignments",
            "2001:2::1 | IETF protocol assignments",
            "2001:3::1 | IETF protocol assignments",
            "2001:4:112::1 | IETF protocol assignments",
            "2001:10::1 | IETF protocol assignments",
            "2001:20::1 | IETF protocol assignments",
            "2001:30::1 | IETF protocol assignments",
            // every embedding form of the blocks
            "::ffff:198.18.0.1 | benchmarking",
            "::ffff:240.0.0.1 | reserved",
            "::ffff:255.255.255.255 | limited broadcast",
            "::ffff:192.0.2.1 | TEST-NET-1",
            "::ffff:0.0.0.0 | this network",
            "::ffff:0:c612:1 | benchmarking",
            "64:ff9b::f000:1 | form of 240.0.0.1, reserved",
            "64:ff9b::ffff:ffff | limited broadcast",
            "64:ff9b::c000:201 | TEST-NET-1",
            "64:ff9b::a00:1 | form of 10.0.0.1, private use",
            "2002:c612:1::1 | 6to4 form of 198.18.0.1",
            "2002:f000:1::1 | 6to4 form of 240.0.0.1",
            "2002:ffff:ffff::1 | limited broadcast",
            "2002:c000:201::1 | TEST-NET-1",
            "2002:a9fe:a9fe::1 | 6to4 form of 169.254.169.254",
            "::198.18.0.1 | IPv4-compatible",
    })
    void refused(String literal, String why) throws Exception {
        assertThat(SpecialAddresses.reason(InetAddress.getByName(literal))).hasValueSatisfying(reason ->
                assertThat(reason).containsIgnoringCase(why));
    }

    @ParameterizedTest(name = "{0} is public")
    @CsvSource({
            "8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
            "128.0.0.1", "169.253.255.255", "172.15.255.255", "172.32.0.0", "192.0.1.255", "192.0.3.0",
            "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255",
            "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "64:ff9b::808:808", "2002:808:808::1",
            "::ffff:8.8.8.8", "2001:200::1", "2001:4860:4860::8888", "151.101.1.69"})
    void allowed(String literal) throws Exception {
        assertThat(SpecialAddresses.reason(InetAddress.getByName(literal))).isEmpty();
    }

    @ParameterizedTest(name = "{0} on premises: {1}")
    @CsvSource({
            "10.1.2.3, true", "172.16.0.1, true", "192.168.1.1, true", "100.64.0.1, true", "fd00::1, true",
            "::ffff:10.0.0.5, true", "127.0.0.1, true", "::1, true", "::ffff:127.0.0.1, true",
            "169.254.169.254, false", "fe80::1, false", "::ffff:169.254.169.254, false", "0.0.0.0, false",
            "224.0.0.1, false", "192.0.2.1, false", "8.8.8.8, false"})
    void onPremises(String literal, boolean expected) throws Exception {
        InetAddress address = InetAddress.getByName(literal);
        assertThat(SpecialAddresses.onPremises(address)).isEqualTo(expected);
        // the guard for registered registries lets exactly these through, and public addresses as always
        java.net.URI uri = java.net.URI.create("https://registry.example:5000/v2/");
        boolean passes;
        try {
            AddressGuard.onPremises().check(uri, address);
            passes = true;
        } catch (AddressRefusedException e) {
            passes = false;
            assertThat(e.getMessage()).contains("not a public, private-network or loopback address");
        }
        assertThat(passes).isEqualTo(expected || SpecialAddresses.reason(address).isEmpty());
    }
}
