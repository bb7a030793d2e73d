package dev.socklab.report;

import dev.socklab.pcap.Side;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The three-way handshake of a {@link Ladder} drawn in text, the way textbooks and Wireshark's Flow
 * Graph show it: a column per host, an arrow per segment, its sequence numbers (absolute and relative) beside it.
 */
public final class HandshakeLadder {
    private static final int ARROW = 40;   // characters between the two columns

    private HandshakeLadder() {
    }

    /** The handshake of connection {@code c} of {@code capture}, which {@code analysis} was made from. */
    public static String render(java.nio.file.Path capture, dev.socklab.pcap.TcpAnalysis analysis,
                                dev.socklab.pcap.TcpConnection c) throws java.io.IOException {
        return render(Ladders.draw(capture, analysis, List.of(c), List.of(), Defaults.HEAD_ROWS, Defaults.TAIL_ROWS).getFirst());
    }

    public static String render(Ladder ladder) {
        List<LadderRow> steps = ladder.head().stream().filter(r -> r.phase() == Phase.HANDSHAKE).toList();
        if (steps.isEmpty()) return "  (the capture starts after the SYN: no handshake to draw)\n";

        String left = ladder.leftRole() + " " + ladder.left();
        String right = ladder.rightRole() + " " + ladder.right();
        String margin = " ".repeat(12);
        StringBuilder s = new StringBuilder();
        // Column headings centred over the two vertical lines.
        int leftCol = margin.length();
        int rightCol = leftCol + ARROW + 1;
        s.append(place(place("", left, leftCol - left.length() / 2), right, rightCol - right.length() / 2).stripTrailing())
                .append('\n');
        s.append(margin).append('|').append(" ".repeat(ARROW)).append("|\n");
        Duration start = steps.getFirst().at();
        for (LadderRow x : steps) {
            String time = String.format(Locale.ROOT, "%8s ms ", Durations.millisText(x.at().minus(start)));
            s.append(time).append(" ".repeat(Math.max(0, margin.length() - time.length())))
                    .append('|').append(arrow(name(x), x.from())).append('|')
                    .append("  ").append(numbers(x)).append('\n');
        }
        s.append(margin).append('|').append(" ".repeat(ARROW)).append("|\n");
        return s.toString();
    }

    private static String name(LadderRow x) {
        boolean syn = x.flags().map(f -> f.syn()).orElse(false);
        if (syn) return x.hasAck() ? "SYN-ACK" : "SYN";
        return "ACK";
    }

    private static String arrow(String label, Side from) {
        String text = " " + label + " ";
        int dashes = ARROW - text.length() - 1;   // one character for the arrow head
        int before = dashes / 2;
        String body = "-".repeat(before) + text + "-".repeat(dashes - before);
        return from == Side.CLIENT ? body + ">" : "<" + body;
    }

    private static String numbers(LadderRow x) {
        String seq = "seq=" + x.seq() + " (" + x.relativeSeq() + ")";
        return x.hasAck() ? seq + "  ack=" + x.ack() + " (" + x.relativeAck() + ")" : seq;
    }

    private static String place(String line, String text, int column) {
        int at = Math.max(column, line.isEmpty() ? 0 : line.length() + 1);
        return line + " ".repeat(Math.max(0, at - line.length())) + text;
    }
}
