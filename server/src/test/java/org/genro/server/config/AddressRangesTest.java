package org.genro.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IP literals and CIDR ranges, never names. */
class AddressRangesTest {
    private static final AddressRanges RANGES = AddressRanges.of(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8",
            "::1", "172.16.0.0/12", "100.64.0.0/10"));

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "10.1.2.3, true", "11.0.0.1, false", "192.168.1.7, true", "192.168.1.8, false",
            "fd12::1, true", "fe80::1, false", "::1, true", "::2, false",
            "172.31.255.255, true", "172.32.0.0, false", "100.127.0.1, true", "100.128.0.1, false",
            "::ffff:10.0.0.1, true"})
    void membership(String address, boolean inside) throws Exception {
        assertEquals(inside, RANGES.contains(InetAddress.getByName(address)));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"localhost", "proxy.internal", "10.0.0.0/33", "::/129", "10.0.0/8", "10.0.0.256",
            "10.0.0.0/", "10.0.0.0/-1", "1.2.3.4/8x", ""})
    void onlyLiteralsAndPrefixesThatFit(String item) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddressRanges.of(List.of(item)));
        assertTrue(e.getMessage().contains("'" + item + "'"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0.0.0.0/0, 203.0.113.9", "::/0, 2001:db8::1", "10.0.0.0/8, 10.255.255.255"})
    void prefixesCoverTheirWholeRange(String range, String address) throws Exception {
        assertTrue(AddressRanges.of(List.of(range)).contains(InetAddress.getByName(address)));
    }
}
