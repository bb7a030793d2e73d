package dev.socklab.address;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressTextTest {

    @Test
    void ipv6IsWrittenShortInBracketsAndIpv4AsIs() throws Exception {
        assertEquals("[::1]:9898", AddressText.endpoint(new InetSocketAddress(InetAddress.getByName("::1"), 9898)));
        assertEquals("[fd00:10:61:2::10]:11000",
                AddressText.endpoint(new InetSocketAddress(InetAddress.getByName("fd00:10:61:2:0:0:0:10"), 11000)));
        assertEquals("10.10.2.10:13000", AddressText.endpoint(new InetSocketAddress(InetAddress.getByName("10.10.2.10"), 13000)));
        // The first longest zero run becomes ::, a lone zero group stays (RFC 5952 4.2.2).
        assertEquals("2001:db8:0:1:1:1:1:1", AddressText.host(InetAddress.getByAddress(new byte[] {
                0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1})));
        assertEquals("2001:0:0:1::1", AddressText.host(InetAddress.getByName("2001:0:0:1:0:0:0:1")));
    }
}
