package dev.socklab.pcap;

import java.util.Optional;

/**
 * What Wireshark's TCP analysis says about one segment, in its own words (the Info column's bracketed note),
 * for pictures: a ladder diagram marks the segments a student should look at. One note per segment, the most
 * telling first when several apply (a retransmission matters more than the window it advertised).
 */
public enum ExpertNote {
    SPURIOUS_RETRANSMISSION("TCP Spurious Retransmission", TcpExpert.SPURIOUS_RETRANSMISSION),
    FAST_RETRANSMISSION("TCP Fast Retransmission", TcpExpert.FAST_RETRANSMISSION),
    RETRANSMISSION("TCP Retransmission", TcpExpert.RETRANSMISSION),
    OUT_OF_ORDER("TCP Out-Of-Order", TcpExpert.OUT_OF_ORDER),
    DUPLICATE_ACK("TCP Dup ACK", TcpExpert.DUPLICATE_ACK),
    ZERO_WINDOW("TCP ZeroWindow", TcpExpert.ZERO_WINDOW),
    ZERO_WINDOW_PROBE("TCP ZeroWindowProbe", TcpExpert.ZERO_WINDOW_PROBE),
    KEEP_ALIVE("TCP Keep-Alive", TcpExpert.KEEP_ALIVE),
    PREVIOUS_SEGMENT_NOT_CAPTURED("TCP Previous segment not captured", TcpExpert.LOST_SEGMENT),
    ACKED_UNSEEN_SEGMENT("TCP ACKed unseen segment", TcpExpert.ACKED_UNSEEN);

    private final String text;
    private final int flag;

    ExpertNote(String text, int flag) {
        this.text = text;
        this.flag = flag;
    }

    /** Wireshark's wording, without the brackets. */
    public String text() {
        return text;
    }

    /** Any of the three retransmission kinds: the segments that make TCP reliable. */
    public boolean isRetransmission() {
        return this == RETRANSMISSION || this == FAST_RETRANSMISSION || this == SPURIOUS_RETRANSMISSION;
    }

    /** The note for a segment's analysis flags ({@link TcpExpert}), if any. */
    static Optional<ExpertNote> of(int flags) {
        for (ExpertNote n : values()) if ((flags & n.flag) != 0) return Optional.of(n);
        return Optional.empty();
    }
}
