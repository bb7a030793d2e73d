package dev.socklab.report;

import dev.socklab.pcap.Endpoint;
import dev.socklab.pcap.ExpertNote;
import dev.socklab.pcap.Packet;
import dev.socklab.pcap.Side;
import dev.socklab.pcap.TcpExpert;
import dev.socklab.pcap.TcpFlags;
import dev.socklab.pcap.TcpSegment;
import dev.socklab.pcap.UdpDatagram;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds the ladder of one conversation while the capture streams by. Memory is bounded: the first
 * {@code headLimit} and last {@code tailLimit} packets are kept, those between are only counted, except a
 * short excerpt around the first retransmission among them (the moment TCP repairs a loss is worth seeing).
 * Sequence numbers are kept absolute and made relative at the end, when both ISNs are known.
 */
final class LadderBuilder {
    private static final long MOD_MASK = 0xFFFFFFFFL;
    private static final long UNKNOWN = -1;
    /** An excerpt: this many packets before the first retransmission past the head, and this many after it. */
    static final int EXCERPT_BEFORE = 6;
    static final int EXCERPT_AFTER = 7;

    private final Endpoint left;
    private final OptionalLong handshakeAckFrame;
    private final int headLimit;
    private final int tailLimit;

    private final List<Captured> head = new ArrayList<>();
    private final ArrayDeque<Captured> tail = new ArrayDeque<>();
    private long foldedLeft;
    private long foldedRight;
    private long foldedBytes;
    private long foldedRetransmissions;
    private Instant foldedFirst;
    private Instant foldedLast;
    /** The last few packets past the head: the lead-in of an excerpt, should a retransmission come. */
    private final ArrayDeque<Captured> recent = new ArrayDeque<>();
    private final List<Captured> excerpt = new ArrayList<>();
    private int excerptLength;

    private Instant start;
    private final long[] packets = new long[2];
    private final long[] bytes = new long[2];
    /** Per side: the ISN from its SYN, or (no SYN seen) its first seq minus one, as Wireshark numbers. */
    private final long[] base = {UNKNOWN, UNKNOWN};
    private final boolean[] sawSyn = new boolean[2];
    /** Per side, for a side never seen sending: the first ack it got, minus one (so it shows as relative 1). */
    private final long[] ackedBase = {UNKNOWN, UNKNOWN};
    /** Per side: the sequence number just after its FIN, so the ACK of that FIN counts as teardown. */
    private final long[] finEnd = {UNKNOWN, UNKNOWN};
    /** The analysis' own classifier, fed the same segments in the same order: the picture notes what the counts count. */
    private final TcpExpert expert = new TcpExpert();

    /** A packet as captured: numbers absolute until {@link #build}. */
    private record Captured(long frame, Instant time, Side from, Phase phase, Optional<TcpFlags> flags,
                            long seq, long ack, int length, Optional<ExpertNote> note) {
    }

    /**
     * @param left              the left column's endpoint (the TCP client, the UDP initiator)
     * @param handshakeAckFrame the frame of the handshake's final ACK, from the connection analysis
     */
    LadderBuilder(Endpoint left, OptionalLong handshakeAckFrame, int headLimit, int tailLimit) {
        this.left = left;
        this.handshakeAckFrame = handshakeAckFrame;
        this.headLimit = headLimit;
        this.tailLimit = tailLimit;
    }

    void accept(Packet p) {
        Side from = p.source().equals(left) ? Side.CLIENT : Side.SERVER;
        if (start == null) start = p.time();
        Captured c = switch (p.transport()) {
            case TcpSegment s -> tcp(p, from, s);
            case UdpDatagram d -> new Captured(p.number(), p.time(), from, Phase.DATAGRAM, Optional.empty(), 0, 0,
                    d.payloadLength(), Optional.empty());
            default -> null;
        };
        if (c == null) return;
        packets[from.ordinal()]++;
        bytes[from.ordinal()] += c.length();
        if (head.size() < headLimit) {
            head.add(c);
            return;
        }
        excerpt(c);
        tail.addLast(c);
        if (tail.size() > tailLimit) fold(tail.removeFirst());
    }

    private Captured tcp(Packet p, Side from, TcpSegment s) {
        int me = from.ordinal();
        int peer = from.other().ordinal();
        TcpFlags f = s.flags();
        if (f.syn() && !sawSyn[me]) {
            sawSyn[me] = true;
            base[me] = s.seq();
        } else if (base[me] == UNKNOWN) {
            base[me] = (s.seq() - 1) & MOD_MASK;
        }
        if (f.ack() && ackedBase[peer] == UNKNOWN) ackedBase[peer] = (s.ack() - 1) & MOD_MASK;
        Phase phase = phase(p.number(), s, peer);
        if (f.fin()) finEnd[me] = (s.seq() + s.sequenceLength()) & MOD_MASK;
        return new Captured(p.number(), p.time(), from, phase, Optional.of(f), s.seq(), s.ack(), s.payloadLength(),
                expert.note(from, p.time(), s));
    }

    private Phase phase(long frame, TcpSegment s, int peer) {
        TcpFlags f = s.flags();
        if (f.rst()) return Phase.RESET;
        if (f.syn()) return Phase.HANDSHAKE;
        if (handshakeAckFrame.isPresent() && handshakeAckFrame.getAsLong() == frame) return Phase.HANDSHAKE;
        if (f.fin()) return Phase.TEARDOWN;
        if (f.ack() && s.payloadLength() == 0 && finEnd[peer] != UNKNOWN && s.ack() == finEnd[peer]) return Phase.TEARDOWN;
        return s.payloadLength() > 0 ? Phase.DATA : Phase.ACK;
    }

    private void excerpt(Captured c) {
        if (excerptLength == 0) {
            if (c.note().filter(ExpertNote::isRetransmission).isPresent()) {
                excerpt.addAll(recent);
                excerpt.add(c);
                excerptLength = excerpt.size() + EXCERPT_AFTER;
                recent.clear();
                return;
            }
            recent.addLast(c);
            if (recent.size() > EXCERPT_BEFORE) recent.removeFirst();
        } else if (excerpt.size() < excerptLength) {
            excerpt.add(c);
        }
    }

    private void fold(Captured c) {
        if (c.from() == Side.CLIENT) foldedLeft++;
        else foldedRight++;
        foldedBytes += c.length();
        if (c.note().filter(ExpertNote::isRetransmission).isPresent()) foldedRetransmissions++;
        if (foldedFirst == null) foldedFirst = c.time();
        foldedLast = c.time();
    }

    boolean isEmpty() {
        return start == null;
    }

    Ladder build(String title, String leftRole, Endpoint right, String rightRole, List<String> notes) {
        Optional<Fold> fold = foldedFirst == null ? Optional.empty()
                : Optional.of(new Fold(foldedLeft, foldedRight, foldedBytes, foldedRetransmissions, since(foldedFirst),
                        since(foldedLast)));
        return new Ladder(title, leftRole, left, rightRole, right, head.stream().map(this::row).toList(), fold,
                tail.stream().map(this::row).toList(),
                new Traffic(packets[0], bytes[0]), new Traffic(packets[1], bytes[1]), notes);
    }

    /**
     * The excerpt around the first retransmission past the head, as a ladder of its own; empty when there was none
     * or when the tail draws it anyway.
     */
    Optional<Ladder> buildExcerpt(String title, String leftRole, Endpoint right, String rightRole) {
        if (excerpt.isEmpty() || (!tail.isEmpty() && excerpt.getFirst().frame() >= tail.getFirst().frame())) {
            return Optional.empty();
        }
        Captured focus = excerpt.get(excerptLength - EXCERPT_AFTER - 1);
        long[] n = new long[2];
        long[] b = new long[2];
        for (Captured c : excerpt) {
            n[c.from().ordinal()]++;
            b[c.from().ordinal()] += c.length();
        }
        return Optional.of(new Ladder(String.format(Locale.ROOT, "%s at frame #%d", title, focus.frame()), leftRole, left, rightRole, right, excerpt.stream().map(this::row).toList(),
                Optional.empty(), List.of(), new Traffic(n[0], b[0]), new Traffic(n[1], b[1]), List.of(String.format(Locale.ROOT,
                "an excerpt, frames #%d to #%d: the first retransmission the diagram above folds away (#%d, %s), what led"
                        + " to it and what followed", excerpt.getFirst().frame(), excerpt.getLast().frame(), focus.frame(),
                focus.note().orElseThrow().text()))));
    }

    private LadderRow row(Captured c) {
        long relativeSeq = c.flags().isEmpty() ? 0 : relative(c.seq(), c.from());
        long relativeAck = c.flags().isPresent() && c.flags().get().ack() ? relative(c.ack(), c.from().other()) : 0;
        return new LadderRow(c.frame(), since(c.time()), c.from(), c.phase(), c.flags(), c.seq(),
                c.ack(), relativeSeq, relativeAck, c.length(), c.note());
    }

    /** A number in {@code side}'s sequence space relative to its ISN; absolute when nothing anchors it. */
    private long relative(long number, Side side) {
        long b = base[side.ordinal()] != UNKNOWN ? base[side.ordinal()] : ackedBase[side.ordinal()];
        return b == UNKNOWN ? number : (number - b) & MOD_MASK;
    }

    private Duration since(Instant t) {
        return Duration.between(start, t);
    }
}
