package dev.socklab.pcap;

import java.time.Instant;

/** Counts the datagrams of one UDP flow as the capture streams by. */
final class UdpFlowBuilder {
    private final Endpoint initiator;
    private final Endpoint responder;
    private final Instant firstSeen;
    private final long firstPacket;
    private Instant lastSeen;
    private long lastPacket;
    private long datagramsForward;
    private long bytesForward;
    private long datagramsBack;
    private long bytesBack;
    private long frameBytesForward;
    private long frameBytesBack;

    UdpFlowBuilder(Packet first) {
        this.initiator = first.source();
        this.responder = first.destination();
        this.firstSeen = first.time();
        this.firstPacket = first.number();
    }

    void accept(Packet p, UdpDatagram d) {
        lastSeen = p.time();
        lastPacket = p.number();
        if (p.source().equals(initiator)) {
            datagramsForward++;
            bytesForward += d.payloadLength();
            frameBytesForward += p.frameLength();
        } else {
            datagramsBack++;
            bytesBack += d.payloadLength();
            frameBytesBack += p.frameLength();
        }
    }

    UdpFlow build() {
        return new UdpFlow(initiator, responder, datagramsForward, bytesForward, datagramsBack, bytesBack,
                firstSeen, lastSeen, frameBytesForward, frameBytesBack, firstPacket, lastPacket);
    }
}
