package dev.socklab.report;

import dev.socklab.pcap.ExpertNote;
import dev.socklab.pcap.Side;
import dev.socklab.pcap.TcpFlags;
import java.time.Duration;
import java.util.Optional;

/**
 * One arrow of a ladder diagram: one packet, its direction and what it carried.
 *
 * @param frame       the frame number in the capture, as Wireshark numbers it
 * @param at          time since the conversation's first packet
 * @param from        the sending column: CLIENT is the left one (the TCP client, or the UDP flow's initiator)
 * @param flags       the TCP flags; empty for a UDP datagram
 * @param seq         absolute sequence number (0 for UDP)
 * @param ack         absolute acknowledgement number (meaningful only when the ACK flag is set)
 * @param relativeSeq seq relative to the sender's ISN, as Wireshark shows it
 * @param relativeAck ack relative to the receiver's ISN
 * @param length      payload bytes (TCP data or UDP payload), from the headers
 * @param note        what Wireshark's TCP analysis notes on it (a retransmission, a duplicate ACK...), if anything
 */
public record LadderRow(long frame, Duration at, Side from, Phase phase, Optional<TcpFlags> flags,
                        long seq, long ack, long relativeSeq, long relativeAck, int length,
                        Optional<ExpertNote> note) {

    public boolean isTcp() {
        return flags.isPresent();
    }

    public boolean hasAck() {
        return flags.map(TcpFlags::ack).orElse(false);
    }

    /**
     * What the arrow says: the flags the way Wireshark's Flow Graph writes them ({@code SYN, ACK}), or {@code UDP},
     * after the analysis' note in brackets as in Wireshark's Info column ({@code [TCP Retransmission] PSH, ACK}).
     */
    public String label() {
        return note.map(n -> "[" + n.text() + "] " + flagsText()).orElse(flagsText());
    }

    /** The flags alone, the way Wireshark's Flow Graph writes them ({@code SYN, ACK}), or {@code UDP}. */
    public String flagsText() {
        return flags.map(f -> f.toString().replace(",", ", ")).orElse("UDP");
    }
}
