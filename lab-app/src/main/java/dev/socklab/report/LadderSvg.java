package dev.socklab.report;

import static dev.socklab.report.LadderLayout.FOLD_HEIGHT;
import static dev.socklab.report.LadderLayout.HEAD_HALF_WIDTH;
import static dev.socklab.report.LadderLayout.HEAD_LENGTH;
import static dev.socklab.report.LadderLayout.HOST_Y;
import static dev.socklab.report.LadderLayout.LEFT_X;
import static dev.socklab.report.LadderLayout.LIFELINE_TOP;
import static dev.socklab.report.LadderLayout.MARGIN_HEADING_Y;
import static dev.socklab.report.LadderLayout.RIGHT_X;
import static dev.socklab.report.LadderLayout.ROLE_Y;
import static dev.socklab.report.LadderLayout.TITLE_Y;
import static dev.socklab.report.LadderLayout.WIDTH;

import java.util.List;
import java.util.Locale;

/**
 * A {@link Ladder} as an SVG picture, like Wireshark's Flow Graph: time on the left, a lifeline per host,
 * an arrow per packet coloured by its {@link Phase}, flags and length on the arrow, relative seq/ack on the right.
 */
public final class LadderSvg {
    public static final String BACKGROUND = "#ffffff";
    /** The frame around each diagram: a colour used nowhere else, so a screenshot test can find the diagram. */
    public static final String FRAME = "#c3cad4";
    public static final String LIFELINE = "#8a94a3";
    public static final String FOLD_FILL = "#eef1f5";
    private static final String TEXT = "#1f2328";
    private static final String MUTED = "#57606a";
    /** Wireshark's analysis notes (retransmission, dup ACK...): the label's bracketed part, and a dashed arrow. */
    public static final String NOTE = "#bc4c00";
    private static final String NOTE_DASH = " stroke-dasharray=\"7 4\"";
    private static final List<Phase> TCP_LEGEND = List.of(Phase.HANDSHAKE, Phase.DATA, Phase.ACK, Phase.TEARDOWN, Phase.RESET);

    /** What fits on the heading line: 13-pixel bold monospace is about 8 pixels a character. */
    private static final int TITLE_CHARACTERS = (WIDTH - 24) / 8;

    private LadderSvg() {
    }

    /** The colour of an arrow in a phase. */
    public static String color(Phase phase) {
        return switch (phase) {
            case HANDSHAKE -> "#1a7f37";
            case DATA, DATAGRAM -> "#0a58ca";
            case ACK -> "#8c959f";
            case TEARDOWN -> "#8250df";
            case RESET -> "#cf222e";
        };
    }

    /** A standalone SVG file. */
    public static String document(Ladder ladder) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + render(ladder);
    }

    /** The {@code <svg>} element, to embed in HTML or to write as a file. */
    public static String render(Ladder ladder) {
        LadderLayout layout = LadderLayout.of(ladder);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"12\">\n",
                WIDTH, layout.height(), WIDTH, layout.height()));
        s.append("<title>").append(Xml.escape(title(ladder))).append("</title>\n");
        s.append(String.format(Locale.ROOT, "<rect x=\"0.5\" y=\"0.5\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"%s\""
                + " shape-rendering=\"crispEdges\"/>\n", WIDTH - 1, layout.height() - 1, BACKGROUND, FRAME));
        // Long IPv6 endpoints would run past the frame: the heading then leaves them to the two columns below it.
        String heading = title(ladder).length() <= TITLE_CHARACTERS ? title(ladder) : shortTitle(ladder);
        text(s, 12, TITLE_Y, "start", TEXT, "font-weight=\"bold\" font-size=\"13\"", heading);
        // Column headings: what the margins hold, and the two hosts.
        text(s, 12, MARGIN_HEADING_Y, "start", MUTED, "", "time (ms)");
        text(s, LEFT_X - 12, MARGIN_HEADING_Y, "end", MUTED, "", "frame");
        text(s, RIGHT_X + 14, MARGIN_HEADING_Y, "start", MUTED, "", ladder.rows().stream().anyMatch(LadderRow::isTcp) ? "relative seq, ack" : "");
        text(s, LEFT_X, ROLE_Y, "middle", TEXT, "font-weight=\"bold\"", ladder.leftRole());
        text(s, LEFT_X, HOST_Y, "middle", TEXT, "", ladder.left().toString());
        text(s, RIGHT_X, ROLE_Y, "middle", TEXT, "font-weight=\"bold\"", ladder.rightRole());
        text(s, RIGHT_X, HOST_Y, "middle", TEXT, "", ladder.right().toString());
        lifelines(s, layout);
        ladder.fold().ifPresent(f -> fold(s, f, layout.foldTop().orElseThrow()));
        List<LadderRow> rows = ladder.rows();
        for (int i = 0; i < rows.size(); i++) arrow(s, rows.get(i), layout.rowY().get(i));
        legend(s, ladder, layout.lifelineBottom() + 26);
        s.append("</svg>\n");
        return s.toString();
    }

    private static String title(Ladder l) {
        return String.format(Locale.ROOT, "%s: %s %s → %s %s, %,d packets, %,d bytes", l.title(), l.leftRole(), l.left(),
                l.rightRole(), l.right(), l.packets(), l.bytes());
    }

    private static String shortTitle(Ladder l) {
        return String.format(Locale.ROOT, "%s: %,d packets, %,d bytes", l.title(), l.packets(), l.bytes());
    }

    private static void lifelines(StringBuilder s, LadderLayout layout) {
        for (int x : new int[] {LEFT_X, RIGHT_X}) {
            if (layout.foldTop().isEmpty()) {
                line(s, x, LIFELINE_TOP, x, layout.lifelineBottom(), LIFELINE, 1, "");
            } else {
                int top = layout.foldTop().getAsInt();
                line(s, x, LIFELINE_TOP, x, top, LIFELINE, 1, "");
                line(s, x, top, x, top + FOLD_HEIGHT, LIFELINE, 1, " stroke-dasharray=\"3 4\"");
                line(s, x, top + FOLD_HEIGHT, x, layout.lifelineBottom(), LIFELINE, 1, "");
            }
        }
    }

    private static void fold(StringBuilder s, Fold f, int top) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"%s\"/>\n",
                LEFT_X - 30, top + 6, RIGHT_X - LEFT_X + 60, FOLD_HEIGHT - 12, FOLD_FILL));
        int mid = (LEFT_X + RIGHT_X) / 2;
        text(s, mid, top + FOLD_HEIGHT / 2 - 2, "middle", TEXT, "", String.format(Locale.ROOT,
                "⋮ %,d packets folded: %,d →, %,d ←, %,d bytes%s", f.packets(), f.fromLeft(), f.fromRight(), f.bytes(),
                f.retransmissions() == 0 ? "" : String.format(Locale.ROOT, ", %,d retransmitted", f.retransmissions())));
        text(s, mid, top + FOLD_HEIGHT / 2 + 13, "middle", MUTED, "", "from " + Ladders.millis(f.first()) + " ms to "
                + Ladders.millis(f.last()) + " ms");
    }

    private static void arrow(StringBuilder s, LadderRow row, int y) {
        String color = color(row.phase());
        int from = LadderLayout.startX(row);
        int to = LadderLayout.endX(row);
        int direction = Integer.signum(to - from);
        line(s, from, y, to - direction * HEAD_LENGTH, y, color, 2, row.note().isPresent() ? NOTE_DASH : "");
        s.append(String.format(Locale.ROOT, "<polygon points=\"%d,%d %d,%d %d,%d\" fill=\"%s\"/>\n", to, y,
                to - direction * HEAD_LENGTH, y - HEAD_HALF_WIDTH, to - direction * HEAD_LENGTH, y + HEAD_HALF_WIDTH, color));
        text(s, 12, y + 4, "start", MUTED, "", Ladders.millis(row.at()));
        text(s, LEFT_X - 12, y + 4, "end", MUTED, "", "#" + row.frame());
        label(s, row, color, y - 7);
        if (row.isTcp()) {
            text(s, RIGHT_X + 14, y + 4, "start", TEXT, "",
                    "seq=" + row.relativeSeq() + (row.hasAck() ? " ack=" + row.relativeAck() : ""));
        }
    }

    /** Flags and length in the arrow's colour; a note before them in the note colour, as one centred line. */
    private static void label(StringBuilder s, LadderRow row, String color, int y) {
        String rest = row.flagsText() + "  len=" + row.length();
        if (row.note().isEmpty()) {
            text(s, (LEFT_X + RIGHT_X) / 2, y, "middle", color, "", rest);
            return;
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">"
                        + "<tspan fill=\"%s\" font-weight=\"bold\">%s</tspan> %s</text>\n", (LEFT_X + RIGHT_X) / 2, y, color,
                NOTE, Xml.escape("[" + row.note().get().text() + "]"), Xml.escape(rest)));
    }

    private static void legend(StringBuilder s, Ladder ladder, int y) {
        List<Phase> phases = ladder.rows().stream().allMatch(LadderRow::isTcp) ? TCP_LEGEND : List.of(Phase.DATAGRAM);
        int x = 12;
        for (Phase p : phases) {
            line(s, x, y - 4, x + 22, y - 4, color(p), 2, "");
            String label = p.legend();
            text(s, x + 28, y, "start", MUTED, "font-size=\"11\"", label);
            x += 28 + label.length() * 7 + 16;   // monospace, 11 px: about 6.6 px a character
        }
        if (ladder.rows().stream().anyMatch(r -> r.note().isPresent())) {
            int below = y + LadderLayout.NOTE_LEGEND_HEIGHT;
            line(s, 12, below - 4, 34, below - 4, NOTE, 2, NOTE_DASH);
            text(s, 40, below, "start", NOTE, "font-size=\"11\"",
                    "[note]: what Wireshark's TCP analysis says of the segment (retransmission, duplicate ACK, ...)");
        }
    }

    private static void line(StringBuilder s, int x1, int y1, int x2, int y2, String color, int width, String extra) {
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%d\"%s/>\n",
                x1, y1, x2, y2, color, width, extra));
    }

    private static void text(StringBuilder s, int x, int y, String anchor, String color, String extra, String content) {
        if (content.isEmpty()) return;
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" fill=\"%s\"%s>%s</text>\n",
                x, y, anchor, color, extra.isEmpty() ? "" : " " + extra, Xml.escape(content)));
    }
}
