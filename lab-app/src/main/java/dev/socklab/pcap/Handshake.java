package dev.socklab.pcap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The three-way handshake of a connection as captured: the client's SYN, and the SYN-ACK and ACK
 * when they were seen. It is complete when all three are there and their numbers agree.
 */
public record Handshake(HandshakeSegment syn, Optional<HandshakeSegment> synAck, Optional<HandshakeSegment> ack) {

    /** The client's initial sequence number, chosen in its SYN. */
    public long clientIsn() {
        return syn.seq();
    }

    /** The server's initial sequence number, when its SYN-ACK was seen. */
    public Optional<Long> serverIsn() {
        return synAck.map(HandshakeSegment::seq);
    }

    /** True when SYN, SYN-ACK and ACK were all captured and acknowledge each other correctly. */
    public boolean isComplete() {
        return problems().isEmpty();
    }

    /** What is missing or wrong, one sentence each; empty for a complete handshake. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        long expectedAck = (clientIsn() + 1) & 0xFFFFFFFFL;
        if (synAck.isEmpty()) {
            problems.add("no SYN-ACK from the server");
        } else if (synAck.get().ack() != expectedAck) {
            problems.add("SYN-ACK acknowledges " + synAck.get().ack() + ", expected client ISN + 1 = " + expectedAck);
        }
        if (ack.isEmpty()) {
            if (synAck.isPresent()) problems.add("no ACK from the client after the SYN-ACK");
        } else {
            HandshakeSegment a = ack.get();
            long expectedServer = (synAck.get().seq() + 1) & 0xFFFFFFFFL;
            if (a.ack() != expectedServer) {
                problems.add("ACK acknowledges " + a.ack() + ", expected server ISN + 1 = " + expectedServer);
            }
            if (a.seq() != expectedAck) {
                problems.add("ACK has seq " + a.seq() + ", expected client ISN + 1 = " + expectedAck);
            }
        }
        return problems;
    }
}
