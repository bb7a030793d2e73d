package dev.socklab.report;

import dev.socklab.pcap.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Where each part of a ladder diagram goes, in SVG pixels: fixed columns, a fixed height per arrow, a
 * band for the fold. Deterministic, so a test can find each arrow in a screenshot from the packets alone.
 *
 * @param rowY     the y of each drawn arrow, in {@link Ladder#rows()} order
 * @param foldTop  the top of the fold band, when the ladder has one
 * @param height   the whole diagram's height
 */
public record LadderLayout(List<Integer> rowY, OptionalInt foldTop, int lifelineBottom, int height) {
    public static final int WIDTH = 900;
    /** The left (client) and right (server) columns. */
    public static final int LEFT_X = 230;
    public static final int RIGHT_X = 650;
    public static final int TITLE_Y = 20;
    public static final int ROLE_Y = 44;
    public static final int HOST_Y = 60;
    public static final int LIFELINE_TOP = 70;
    /** The headings of the margins (time, frame, seq/ack), below the host names. */
    public static final int MARGIN_HEADING_Y = 84;
    public static final int FIRST_ROW_Y = 108;
    public static final int ROW_HEIGHT = 30;
    public static final int FOLD_HEIGHT = 50;
    /** The arrow head: its length along the arrow and its half-width across it. */
    public static final int HEAD_LENGTH = 10;
    public static final int HEAD_HALF_WIDTH = 5;
    public static final int LEGEND_HEIGHT = 40;
    /** A second legend line, for the notes of Wireshark's analysis when the diagram has any. */
    public static final int NOTE_LEGEND_HEIGHT = 18;

    public LadderLayout {
        rowY = List.copyOf(rowY);
    }

    public static LadderLayout of(Ladder ladder) {
        List<Integer> ys = new ArrayList<>();
        int y = FIRST_ROW_Y;
        for (int i = 0; i < ladder.head().size(); i++, y += ROW_HEIGHT) ys.add(y);
        OptionalInt foldTop = OptionalInt.empty();
        if (ladder.fold().isPresent()) {
            foldTop = OptionalInt.of(y - ROW_HEIGHT / 2);
            y += FOLD_HEIGHT;
        }
        for (int i = 0; i < ladder.tail().size(); i++, y += ROW_HEIGHT) ys.add(y);
        int lifelineBottom = y - ROW_HEIGHT / 2;
        boolean noted = ladder.rows().stream().anyMatch(r -> r.note().isPresent());
        return new LadderLayout(ys, foldTop, lifelineBottom, lifelineBottom + LEGEND_HEIGHT + (noted ? NOTE_LEGEND_HEIGHT : 0));
    }

    /** Where the arrow of a row starts and ends: from the sender's column to the receiver's. */
    public static int startX(LadderRow row) {
        return row.from() == Side.CLIENT ? LEFT_X : RIGHT_X;
    }

    public static int endX(LadderRow row) {
        return row.from() == Side.CLIENT ? RIGHT_X : LEFT_X;
    }
}
