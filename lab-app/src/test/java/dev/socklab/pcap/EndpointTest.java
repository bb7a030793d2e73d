package dev.socklab.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointTest {

    @Test
    void ipv4IsAddressColonPort() throws UnknownHostException {
        assertEquals("10.10.2.20:45678", new Endpoint(InetAddress.getByName("10.10.2.20"), 45678).toString());
    }

    @ParameterizedTest
    @CsvSource({
            "fd00:0:0:0:0:0:0:1, '[fd00::1]:9898'",
            "0:0:0:0:0:0:0:1, '[::1]:9898'",
            "2001:db8:0:0:1:0:0:1, '[2001:db8::1:0:0:1]:9898'",
            "2001:db8:0:1:1:1:1:1, '[2001:db8:0:1:1:1:1:1]:9898'",
            "1:0:0:0:0:0:0:0, '[1::]:9898'",
            "FE80:0:0:0:ABCD:0:0:0, '[fe80::abcd:0:0:0]:9898'",
            "2001:db8:0:1:0:0:0:10, '[2001:db8:0:1::10]:9898'",
            "2001:db8:0:0:1:0:0:1, '[2001:db8::1:0:0:1]:9898'",
            "0:0:0:0:0:0:0:0, '[::]:9898'",
    })
    void ipv6IsBracketedInShortForm(String address, String expected) throws UnknownHostException {
        assertEquals(expected, new Endpoint(InetAddress.getByName(address), 9898).toString());
    }

    @Test
    void ipv4MappedAndCompatibleEndInDottedIpv4AsWiresharkWritesThem() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 10, 10, 1, 10};
        byte[] compatible = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 192, 0, 2, 1};
        // getByAddress would make the mapped one an IPv4 address: the decoder keeps it IPv6, as here.
        assertEquals("[::ffff:10.10.1.10]:9898", new Endpoint(Inet6Address.getByAddress(null, mapped, -1), 9898).toString());
        assertEquals("[::192.0.2.1]:9898", new Endpoint(Inet6Address.getByAddress(null, compatible, -1), 9898).toString());
        assertEquals("::ffff:10.10.1.10", new Endpoint(Inet6Address.getByAddress(null, mapped, -1), 9898).host());
    }

    @Test
    void flagsPrintInTheUsualOrder() {
        assertEquals("SYN,ACK", new TcpFlags(TcpFlags.SYN | TcpFlags.ACK).toString());
        assertEquals("RST,ACK", new TcpFlags(TcpFlags.RST | TcpFlags.ACK).toString());
        assertEquals("PSH,ACK,FIN", new TcpFlags(TcpFlags.FIN | TcpFlags.PSH | TcpFlags.ACK).toString());
    }
}
