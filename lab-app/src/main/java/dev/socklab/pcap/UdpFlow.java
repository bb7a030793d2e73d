package dev.socklab.pcap;

import java.time.Duration;
import java.time.Instant;

/**
 * The UDP datagrams exchanged between two endpoints (one 5-tuple, both directions).
 *
 * @param initiator the endpoint that sent the first datagram
 * @param bytesFromInitiator UDP payload bytes, from the UDP/IP headers (not the captured length)
 * @param frameBytesFromInitiator whole frames on the wire, link-layer headers included (tshark's
 *                                {@code -z conv,udp} bytes)
 * @param firstPacket        packet number (1-based) of the flow's first datagram in the capture; 0 when unknown
 * @param lastPacket         packet number of its last datagram; 0 when unknown
 */
public record UdpFlow(Endpoint initiator, Endpoint responder,
                      long datagramsFromInitiator, long bytesFromInitiator,
                      long datagramsFromResponder, long bytesFromResponder,
                      Instant firstSeen, Instant lastSeen,
                      long frameBytesFromInitiator, long frameBytesFromResponder, long firstPacket, long lastPacket) {

    public UdpFlow(Endpoint initiator, Endpoint responder, long datagramsFromInitiator, long bytesFromInitiator,
                   long datagramsFromResponder, long bytesFromResponder, Instant firstSeen, Instant lastSeen) {
        this(initiator, responder, datagramsFromInitiator, bytesFromInitiator, datagramsFromResponder,
                bytesFromResponder, firstSeen, lastSeen, 0, 0, 0, 0);
    }

    public long datagrams() {
        return datagramsFromInitiator + datagramsFromResponder;
    }

    public long payloadBytes() {
        return bytesFromInitiator + bytesFromResponder;
    }

    public Duration duration() {
        return Duration.between(firstSeen, lastSeen);
    }

    @Override
    public String toString() {
        return "UDP " + initiator + " ↔ " + responder;
    }
}
