package dev.socklab.pcap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The pcap fixtures in src/test/resources/pcap (made by make-fixtures.sh with real tcpdump) and the
 * numbers tshark reports for them, recorded once with
 * {@code tshark -r F -T fields -e frame.time_epoch -e tcp.srcport -e tcp.dstport -e tcp.seq_raw -e tcp.ack_raw -e tcp.len}.
 * Regenerating the fixtures changes ISNs, ports and times: update these constants then.
 */
final class Fixtures {

    /**
     * A capture of the standard exchange (client sends 1000 bytes, server answers 8, server closes first).
     *
     * @param firstTime frame 1's timestamp, as tshark's frame.time_epoch
     */
    record Exchange(String file, LinkType linkType, String client, String server, long clientIsn, long serverIsn,
                    Instant firstTime) {
        Path path() {
            return Fixtures.path(file);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static final int PORT = 9898;
    static final int FRAMES = 11;
    static final long CLIENT_BYTES = 1000;
    static final long SERVER_BYTES = 8;
    static final long CLIENT_PACKETS = 6;
    static final long SERVER_PACKETS = 5;

    static final Exchange ETHERNET = new Exchange("tcp-ethernet.pcap", LinkType.ETHERNET,
            "127.0.0.1:33494", "127.0.0.1:9898", 2932302998L, 825652506L, Instant.parse("2026-11-21T05:04:59.784234Z"));
    static final Exchange SLL = new Exchange("tcp-sll.pcap", LinkType.LINUX_SLL,
            "127.0.0.1:33508", "127.0.0.1:9898", 3801826157L, 2688897534L, Instant.parse("2026-11-21T05:05:00.979148Z"));
    static final Exchange SLL2 = new Exchange("tcp-sll2.pcap", LinkType.LINUX_SLL2,
            "127.0.0.1:59816", "127.0.0.1:9898", 4254974041L, 4294596480L, Instant.parse("2026-11-21T05:05:02.168554Z"));
    static final Exchange NANO = new Exchange("tcp-nano.pcap", LinkType.ETHERNET,
            "127.0.0.1:59822", "127.0.0.1:9898", 2632858980L, 1305500445L, Instant.parse("2026-11-21T05:05:03.360462705Z"));
    static final Exchange IPV6 = new Exchange("tcp-ipv6.pcap", LinkType.ETHERNET,
            "[::1]:38598", "[::1]:9898", 383451771L, 4146898591L, Instant.parse("2026-11-21T05:05:04.548076Z"));
    static final Exchange RAW = new Exchange("tcp-raw.pcap", LinkType.RAW,
            "10.77.0.1:60346", "10.77.0.2:9898", 2378583818L, 2786766614L, Instant.parse("2026-11-21T05:05:11.684440Z"));

    static final Exchange[] EXCHANGES = {ETHERNET, SLL, SLL2, NANO, IPV6, RAW};

    /** tcp-rst.pcap: a SYN to closed port 9899 answered by RST, then a connection the server resets. */
    static final String RST = "tcp-rst.pcap";
    static final long RST_REFUSED_ISN = 2576511643L;
    static final long RST_CLIENT_ISN = 920307996L;
    static final long RST_SERVER_ISN = 4118435365L;

    /** tcp-reuse.pcap: two exchanges from 127.0.0.1:45678 to 127.0.0.1:9898, one after the other. */
    static final String REUSE = "tcp-reuse.pcap";
    static final long REUSE_FIRST_ISN = 2484106583L;
    static final long REUSE_SECOND_ISN = 2496775206L;

    /** tcp-merged.pcapng: mergecap of tcp-ethernet.pcap (interface 0) and tcp-sll2.pcap (interface 1). */
    static final String MERGED = "tcp-merged.pcapng";

    /** udp.pcap: 3 "ping N\n" datagrams echoed by 127.0.0.1:9900, 1 byte to closed port 9901 (ICMP error). */
    static final String UDP = "udp.pcap";

    /**
     * nat-client-side.pcap and nat-server-side.pcap: one run of {@code ./lab up --topology nat}, captured on
     * the NAT gateway's client-net leg and beside the server: one connection before and after the gateway,
     * which forwards 10.24.2.253:8080 to 10.24.3.15:9898 and masquerades it as 10.24.3.2.
     */
    static final String NAT_CLIENT_SIDE = "nat-client-side.pcap";
    static final String NAT_SERVER_SIDE = "nat-server-side.pcap";
    static final long NAT_CLIENT_ISN = 464808581L;
    static final long NAT_SERVER_ISN = 2276671417L;

    private Fixtures() {
    }

    static Path path(String file) {
        URL url = Fixtures.class.getResource("/pcap/" + file);
        if (url == null) throw new IllegalStateException("missing fixture " + file);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(path(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
