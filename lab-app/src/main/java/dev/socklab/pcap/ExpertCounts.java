package dev.socklab.pcap;

/**
 * What Wireshark's TCP expert analysis flags in one direction of a connection, counted by the same
 * rules ({@code tcp.analysis.*}), so the numbers agree with {@code tshark -Y tcp.analysis.retransmission}
 * and friends.
 *
 * @param retransmissions         every segment tshark marks {@code tcp.analysis.retransmission}: plain,
 *                                fast and spurious retransmissions together
 * @param fastRetransmissions     resent at once after at least two duplicate ACKs (of the retransmissions)
 * @param spuriousRetransmissions resent although the receiver had already acknowledged it (of the retransmissions)
 * @param outOfOrder              behind the highest sequence number but sent too soon after it to be a
 *                                retransmission (within the handshake RTT, or 3 ms)
 * @param duplicateAcks           pure ACKs repeating the previous ACK number and window
 * @param zeroWindows             segments advertising a receive window of 0: the sender of them is full
 * @param lostSegments            segments starting beyond the highest one seen: something before them was
 *                                not captured ("previous segment not captured")
 */
public record ExpertCounts(long retransmissions, long fastRetransmissions, long spuriousRetransmissions,
                           long outOfOrder, long duplicateAcks, long zeroWindows, long lostSegments) {
    public static final ExpertCounts NONE = new ExpertCounts(0, 0, 0, 0, 0, 0, 0);
}
