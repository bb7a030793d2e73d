package dev.socklab.pcap;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Classifies each segment of one connection as Wireshark's TCP sequence analysis does
 * ({@code tcp_analyze_sequence_number} in packet-tcp.c, Wireshark 4.0, default preferences):
 * retransmission (plain, fast, spurious), out-of-order, duplicate ACK, zero window and the rest,
 * checked in the same order with the same state. The state is a few numbers per direction: no
 * list of unacknowledged segments, so memory does not grow with the connection's length
 * (Wireshark keeps one only for RTT and RTO, which these counts do not need).
 *
 * <p>Sequence arithmetic is modulo 2^32 in Java ints, as in Wireshark's guint32; 0 means "not seen
 * yet" for nextSeq and lastAck there, and here too, quirks included, so the counts agree.
 */
public final class TcpExpert {
    static final int RETRANSMISSION = 1;
    static final int FAST_RETRANSMISSION = 1 << 1;
    static final int SPURIOUS_RETRANSMISSION = 1 << 2;
    static final int OUT_OF_ORDER = 1 << 3;
    static final int DUPLICATE_ACK = 1 << 4;
    static final int ZERO_WINDOW = 1 << 5;
    static final int ZERO_WINDOW_PROBE = 1 << 6;
    static final int ZERO_WINDOW_PROBE_ACK = 1 << 7;
    static final int KEEP_ALIVE = 1 << 8;
    static final int KEEP_ALIVE_ACK = 1 << 9;
    static final int LOST_SEGMENT = 1 << 10;
    static final int ACKED_UNSEEN = 1 << 11;
    static final int WINDOW_UPDATE = 1 << 12;

    /** A fast retransmission follows the duplicate ACKs within this time (Wireshark's constant). */
    private static final Duration FAST_RETRANSMISSION_WINDOW = Duration.ofMillis(20);
    /** Out-of-order threshold without a handshake RTT to go by (Wireshark's default). */
    private static final Duration OUT_OF_ORDER_WINDOW = Duration.ofMillis(3);
    private static final int UNKNOWN_SCALE = -1;
    private static final int NO_SCALING = -2;

    /** Wireshark's per-direction state (tcp_flow_t and its tcp_analyze_seq_flow_info_t). */
    private static final class Flow {
        int nextSeq;
        Instant nextSeqTime;
        int lastAck;
        Instant lastAckTime;
        int maxSeqToBeAcked;
        /** Scaled, as Wireshark compares it; "none yet" is all ones (G_MAXUINT32). */
        long window = 0xFFFF_FFFFL;
        int windowScale = UNKNOWN_SCALE;
        int dupAcks;
        int lastFlags;
        final long[] counts = new long[7];

        ExpertCounts counts() {
            return new ExpertCounts(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6]);
        }
    }

    private final Flow client = new Flow();
    private final Flow server = new Flow();
    private Instant lastSyn;
    private Duration firstRtt;

    public TcpExpert() {
    }

    /**
     * Classifies the next segment of the connection, as {@link #accept} does, and says what Wireshark would note
     * on it. Fed every segment of one connection in capture order, it notes the same segments that the
     * connection's counts count.
     */
    public Optional<ExpertNote> note(Side from, Instant time, TcpSegment s) {
        return ExpertNote.of(accept(from, time, s));
    }

    /** Classifies the next segment {@code from} one side; returns its flags (the constants above). */
    int accept(Side from, Instant time, TcpSegment s) {
        Flow fwd = from == Side.CLIENT ? client : server;
        Flow rev = from == Side.CLIENT ? server : client;
        TcpFlags f = s.flags();
        boolean synFinRst = f.syn() || f.fin() || f.rst();
        int seq = (int) s.seq();
        int ack = (int) s.ack();
        int length = s.payloadLength();
        long window = scaledWindow(fwd, rev, s);

        // The first RTT (SYN to the first ACK without SYN) sets the out-of-order threshold.
        if (f.syn() && !f.ack()) lastSyn = time;
        if (f.ack() && !f.syn() && firstRtt == null && lastSyn != null) firstRtt = Duration.between(lastSyn, time);

        int flags = 0;
        if (length == 1 && seq == fwd.nextSeq && rev.window == 0) {
            flags |= ZERO_WINDOW_PROBE;
        } else {
            flags |= sameSequenceChecks(fwd, rev, f, synFinRst, seq, ack, length, window);
        }
        if (ack != fwd.lastAck) fwd.dupAcks = 0;

        // ACKed a segment that was not captured in the other direction.
        if (rev.maxSeqToBeAcked != 0 && after(ack, rev.maxSeqToBeAcked) && f.ack()) {
            if (Integer.compareUnsigned(rev.maxSeqToBeAcked, rev.nextSeq) > 0) {
                rev.maxSeqToBeAcked = rev.nextSeq;
                flags |= ACKED_UNSEEN;
            } else {
                if (rev.dupAcks == 0) flags |= ACKED_UNSEEN;
                rev.dupAcks = -1;
            }
        }

        if ((length > 0 || f.syn() || f.fin()) && (flags & KEEP_ALIVE) == 0) {
            flags |= retransmissionType(fwd, rev, f, time, seq, length);
        }

        int nextSeq = seq + length + (f.syn() || f.fin() ? 1 : 0);
        boolean probe = (flags & ZERO_WINDOW_PROBE) != 0;
        if ((after(nextSeq, fwd.nextSeq) || fwd.nextSeq == 0) && !probe) {
            fwd.nextSeq = nextSeq;
            fwd.nextSeqTime = time;
        }
        if ((seq == fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked == 0) && !probe) fwd.maxSeqToBeAcked = fwd.nextSeq;
        fwd.window = window;
        fwd.lastAck = ack;
        fwd.lastAckTime = time;
        fwd.lastFlags = flags;
        count(fwd, flags);
        return flags;
    }

    /** Zero window, lost segment, keep-alive, window update, and the duplicate-ACK family. */
    private static int sameSequenceChecks(Flow fwd, Flow rev, TcpFlags f, boolean synFinRst, int seq, int ack,
                                          int length, long window) {
        int flags = 0;
        if (window == 0 && !synFinRst) flags |= ZERO_WINDOW;
        if (fwd.nextSeq != 0 && after(seq, fwd.nextSeq) && !f.rst()) flags |= LOST_SEGMENT;
        if ((length == 0 || length == 1) && seq == fwd.nextSeq - 1 && !synFinRst) flags |= KEEP_ALIVE;
        boolean repeatsAck = length == 0 && seq == fwd.nextSeq && ack == fwd.lastAck && !synFinRst;
        if (repeatsAck && window != 0 && window != fwd.window) flags |= WINDOW_UPDATE;
        boolean sameWindow = window == fwd.window;
        if (repeatsAck && window != 0 && sameWindow && (rev.lastFlags & KEEP_ALIVE) != 0) return flags | KEEP_ALIVE_ACK;
        if (repeatsAck && window == 0 && sameWindow && (rev.lastFlags & ZERO_WINDOW_PROBE) != 0) {
            return flags | ZERO_WINDOW_PROBE_ACK;
        }
        if (repeatsAck && window != 0 && sameWindow) {
            fwd.dupAcks = fwd.dupAcks == -1 ? 1 : fwd.dupAcks + 1;
            flags |= DUPLICATE_ACK;
        }
        return flags;
    }

    /** A segment with data (or SYN/FIN) that does not advance the sequence: spurious, fast, out-of-order or plain. */
    private int retransmissionType(Flow fwd, Flow rev, TcpFlags f, Instant time, int seq, int length) {
        boolean notAdvanced = fwd.nextSeq != 0 && before(seq, fwd.nextSeq);
        // One byte short of nextSeq with more than one byte: new data after a zero-window probe.
        if (length > 1 && fwd.nextSeq - 1 == seq) notAdvanced = false;
        if (length > 0 && rev.lastAck != 0 && !after(seq + length, rev.lastAck)) {
            return SPURIOUS_RETRANSMISSION | RETRANSMISSION;
        }
        if (notAdvanced && rev.dupAcks >= 2 && rev.lastAck == seq
                && within(rev.lastAckTime, time, FAST_RETRANSMISSION_WINDOW)) {
            return FAST_RETRANSMISSION | RETRANSMISSION;
        }
        Duration threshold = firstRtt == null || firstRtt.isZero() ? OUT_OF_ORDER_WINDOW : firstRtt;
        if (notAdvanced && within(fwd.nextSeqTime, time, threshold)
                && fwd.nextSeq != seq + length + (f.syn() || f.fin() ? 1 : 0)) {
            return OUT_OF_ORDER;
        }
        return notAdvanced ? RETRANSMISSION : 0;
    }

    /** The window as Wireshark compares it: shifted by the sender's scale once both SYNs agreed on scaling. */
    private static long scaledWindow(Flow fwd, Flow rev, TcpSegment s) {
        if (s.flags().syn()) {
            fwd.windowScale = s.windowScale() >= 0 ? s.windowScale() : NO_SCALING;
            // Scaling is on only when both SYNs carried the option.
            if (s.flags().ack() && (rev.windowScale == NO_SCALING || fwd.windowScale == NO_SCALING)) {
                fwd.windowScale = NO_SCALING;
                rev.windowScale = NO_SCALING;
            }
            return s.window();
        }
        return fwd.windowScale >= 0 ? (long) s.window() << fwd.windowScale : s.window();
    }

    private static void count(Flow fwd, int flags) {
        if ((flags & RETRANSMISSION) != 0) fwd.counts[0]++;
        if ((flags & FAST_RETRANSMISSION) != 0) fwd.counts[1]++;
        if ((flags & SPURIOUS_RETRANSMISSION) != 0) fwd.counts[2]++;
        if ((flags & OUT_OF_ORDER) != 0) fwd.counts[3]++;
        if ((flags & DUPLICATE_ACK) != 0) fwd.counts[4]++;
        if ((flags & ZERO_WINDOW) != 0) fwd.counts[5]++;
        if ((flags & LOST_SEGMENT) != 0) fwd.counts[6]++;
    }

    ExpertCounts counts(Side side) {
        return (side == Side.CLIENT ? client : server).counts();
    }

    /** 0 ≤ now − since &lt; limit; Wireshark's unsigned difference makes a step back in time "not within". */
    private static boolean within(Instant since, Instant now, Duration limit) {
        if (since == null) return false;
        Duration d = Duration.between(since, now);
        return !d.isNegative() && d.compareTo(limit) < 0;
    }

    /** a &gt; b in sequence space (GT_SEQ). */
    private static boolean after(int a, int b) {
        return b - a < 0;
    }

    /** a &lt; b in sequence space (LT_SEQ). */
    private static boolean before(int a, int b) {
        return a - b < 0;
    }
}
