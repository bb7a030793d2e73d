package dev.socklab.pcap;

import java.time.Duration;
import java.time.Instant;

/**
 * The UDP datagrams exchanged between two endpoints (one 5-tuple, both directions).
 *
 * @param initiator the endpoint that sent the first datagram
 * @param bytesFromInitiator UDP payload bytes, from the UDP/IP headers (not the captured length)
 */
public record UdpFlow(Endpoint initiator, Endpoint responder,
                      long datagramsFromInitiator, long bytesFromInitiator,
                      long datagramsFromResponder, long bytesFromResponder,
                      Instant firstSeen, Instant lastSeen) {

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
