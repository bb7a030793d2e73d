package dev.socklab.pcap;

/** What an IP packet carries: a TCP segment, a UDP datagram, or another protocol left undecoded. */
public sealed interface Transport permits TcpSegment, UdpDatagram, Transport.Other {

    /** A protocol the analysis does not decode (ICMP, a non-first fragment, a header cut by the snap length). */
    record Other(int protocol) implements Transport {
    }
}
