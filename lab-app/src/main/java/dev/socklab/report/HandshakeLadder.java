package dev.socklab.report;

import dev.socklab.pcap.Handshake;
import dev.socklab.pcap.HandshakeSegment;
import dev.socklab.pcap.Side;
import dev.socklab.pcap.TcpConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The three-way handshake drawn as a ladder diagram, the way textbooks and Wireshark's Flow Graph
 * show it: a column per host, an arrow per segment, its sequence numbers beside it.
 */
public final class HandshakeLadder {
    private static final int ARROW = 40;   // characters between the two columns

    private HandshakeLadder() {
    }

    public static String render(TcpConnection c) {
        if (c.handshake().isEmpty()) return "  (the capture starts after the SYN: no handshake to draw)\n";
        Handshake h = c.handshake().get();
        List<HandshakeSegment> steps = new ArrayList<>();
        steps.add(h.syn());
        h.synAck().ifPresent(steps::add);
        h.ack().ifPresent(steps::add);

        String left = "client " + c.client();
        String right = "server " + c.server();
        String margin = " ".repeat(12);
        StringBuilder s = new StringBuilder();
        // Column headings centred over the two vertical lines.
        int leftCol = margin.length();
        int rightCol = leftCol + ARROW + 1;
        s.append(place(place("", left, leftCol - left.length() / 2), right, rightCol - right.length() / 2).stripTrailing())
                .append('\n');
        s.append(margin).append('|').append(" ".repeat(ARROW)).append("|\n");
        for (HandshakeSegment x : steps) {
            String time = String.format(Locale.ROOT, "%8.3f ms ", millis(Duration.between(h.syn().time(), x.time())));
            s.append(time).append(" ".repeat(Math.max(0, margin.length() - time.length())))
                    .append('|').append(arrow(name(x), x.from())).append('|')
                    .append("  ").append(numbers(x)).append('\n');
        }
        s.append(margin).append('|').append(" ".repeat(ARROW)).append("|\n");
        return s.toString();
    }

    private static String name(HandshakeSegment x) {
        if (x.flags().syn()) return x.flags().ack() ? "SYN-ACK" : "SYN";
        return "ACK";
    }

    private static String arrow(String label, Side from) {
        String text = " " + label + " ";
        int dashes = ARROW - text.length() - 1;   // one character for the arrow head
        int before = dashes / 2;
        String body = "-".repeat(before) + text + "-".repeat(dashes - before);
        return from == Side.CLIENT ? body + ">" : "<" + body;
    }

    private static String numbers(HandshakeSegment x) {
        String seq = "seq=" + x.seq() + " (" + x.relativeSeq() + ")";
        return x.flags().ack() ? seq + "  ack=" + x.ack() + " (" + x.relativeAck() + ")" : seq;
    }

    private static String place(String line, String text, int column) {
        int at = Math.max(column, line.isEmpty() ? 0 : line.length() + 1);
        return line + " ".repeat(Math.max(0, at - line.length())) + text;
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
