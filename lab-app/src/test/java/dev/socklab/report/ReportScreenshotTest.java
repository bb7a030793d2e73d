package dev.socklab.report;

import static dev.socklab.report.LadderLayout.FOLD_HEIGHT;
import static dev.socklab.report.LadderLayout.LEFT_X;
import static dev.socklab.report.LadderLayout.RIGHT_X;
import static dev.socklab.report.LadderLayout.ROW_HEIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.pcap.CaptureReader;
import dev.socklab.pcap.Endpoint;
import dev.socklab.pcap.Frame;
import dev.socklab.pcap.Packet;
import dev.socklab.pcap.PacketDecoder;
import dev.socklab.pcap.PacketSource;
import dev.socklab.pcap.TcpSegment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a person sees it: rendered by headless Chromium, the screenshot must show each
 * packet's arrow where the packets say (its row, from the sender's column to the receiver's, in its
 * phase's colour) and nothing where no packet is.
 */
class ReportScreenshotTest {
    private static final int WINDOW_WIDTH = 1000;
    private static final int WINDOW_HEIGHT = 1600;
    /** Two sample points on each arrow, clear of the label in the middle. */
    private static final int[] SAMPLE_X = {LEFT_X + (RIGHT_X - LEFT_X) / 5, RIGHT_X - (RIGHT_X - LEFT_X) / 5};

    @TempDir
    Path tmp;

    private Chromium chromium;

    @BeforeEach
    void chromium() {
        chromium = Chromium.require();
    }

    /** One packet as the capture has it: which conversation, which way, which frame. */
    record Sent(long frame, Endpoint source, Endpoint destination) {
    }

    /** The TCP packets of a capture grouped by conversation (4-tuple, both ways), read independently of the report. */
    private static List<List<Sent>> conversations(Path capture) throws IOException {
        Map<Set<Endpoint>, List<Sent>> byTuple = new LinkedHashMap<>();
        try (PacketSource source = CaptureReader.open(capture)) {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                Optional<Packet> p = PacketDecoder.decode(f.get());
                if (p.isEmpty() || !(p.get().transport() instanceof TcpSegment)) continue;
                byTuple.computeIfAbsent(Set.of(p.get().source(), p.get().destination()), k -> new ArrayList<>())
                        .add(new Sent(p.get().number(), p.get().source(), p.get().destination()));
            }
        }
        return List.copyOf(byTuple.values());
    }

    @Test
    void everyPacketIsAnArrowInItsRowFromSenderToReceiver() throws Exception {
        Path capture = LaddersTest.fixture("tcp-rst.pcap");
        CaptureReport report = CaptureReport.of(capture, Defaults.MAX_DIAGRAMS);
        Path html = ReportFiles.write(report, capture, tmp);
        Screen screen = new Screen(chromium.screenshot(html, WINDOW_WIDTH, WINDOW_HEIGHT, tmp));
        screen.assertNotBlank();

        List<int[]> diagrams = screen.diagramOrigins();
        List<List<Sent>> conversations = conversations(capture);
        assertEquals(2, conversations.size());
        assertEquals(conversations.size(), diagrams.size(), "one diagram per connection");
        for (int d = 0; d < conversations.size(); d++) {
            List<Sent> packets = conversations.get(d);
            Ladder ladder = report.ladders().get(d);
            Endpoint client = packets.getFirst().source();   // each capture's first packet here is the client's SYN
            int[] origin = diagrams.get(d);
            for (int i = 0; i < packets.size(); i++) {
                Sent p = packets.get(i);
                int y = origin[1] + LadderLayout.FIRST_ROW_Y + i * ROW_HEIGHT;
                boolean rightward = p.source().equals(client);
                LadderRow row = ladder.rows().get(i);
                assertEquals(p.frame(), row.frame());
                screen.assertArrow(origin[0], y, rightward, LadderSvg.color(row.phase()), "frame " + p.frame());
            }
            int below = origin[1] + LadderLayout.FIRST_ROW_Y + packets.size() * ROW_HEIGHT;
            for (int x : SAMPLE_X) screen.assertBackground(origin[0] + x, below, "below the last arrow");
        }
        // The refused connection's RST and the reset connection's RST are red; the handshake is green.
        assertTrue(screen.has(LadderSvg.color(Phase.RESET)));
        assertTrue(screen.has(LadderSvg.color(Phase.HANDSHAKE)));
        assertTrue(screen.has(LadderSvg.color(Phase.TEARDOWN)));
    }

    @Test
    void aLongTransferIsFoldedBetweenItsHeadAndTail() throws Exception {
        SyntheticCapture synthetic = new SyntheticCapture().transfer(1000, 2000, 3000, 1448);
        Path capture = synthetic.write(tmp.resolve("long-transfer.pcap"));
        CaptureReport report = CaptureReport.of(capture, Defaults.MAX_DIAGRAMS);
        Path html = ReportFiles.write(report, capture, tmp);
        Screen screen = new Screen(chromium.screenshot(html, WINDOW_WIDTH, WINDOW_HEIGHT, tmp));
        screen.assertNotBlank();
        int[] origin = screen.diagramOrigins().getFirst();

        List<Sent> packets = conversations(capture).getFirst();
        Endpoint client = packets.getFirst().source();
        int head = Defaults.HEAD_ROWS;
        int tail = Defaults.TAIL_ROWS;
        for (int i = 0; i < head; i++) {
            int y = origin[1] + LadderLayout.FIRST_ROW_Y + i * ROW_HEIGHT;
            screen.assertArrow(origin[0], y, packets.get(i).source().equals(client),
                    LadderSvg.color(report.ladders().getFirst().head().get(i).phase()), "head packet " + i);
        }
        int foldTop = origin[1] + LadderLayout.FIRST_ROW_Y + head * ROW_HEIGHT - ROW_HEIGHT / 2;
        screen.assertColor(origin[0] + LEFT_X - 20, foldTop + FOLD_HEIGHT / 2, LadderSvg.FOLD_FILL, "the fold band");
        for (int x : SAMPLE_X) {
            screen.assertNotColor(origin[0] + x, foldTop + 8, LadderSvg.color(Phase.DATA), "no arrow in the fold");
        }
        int tailTop = foldTop + FOLD_HEIGHT + ROW_HEIGHT / 2;
        for (int j = 0; j < tail; j++) {
            Sent p = packets.get(packets.size() - tail + j);
            int y = tailTop + j * ROW_HEIGHT;
            screen.assertArrow(origin[0], y, p.source().equals(client),
                    LadderSvg.color(report.ladders().getFirst().tail().get(j).phase()), "tail packet " + j);
        }
        assertTrue(screen.has(LadderSvg.color(Phase.TEARDOWN)));
    }

    /** A screenshot and the pixel checks on it. */
    private record Screen(BufferedImage image) {
        private static final int TOLERANCE = 48;

        int rgb(int x, int y) {
            return image.getRGB(x, y) & 0xFFFFFF;
        }

        static int parse(String hex) {
            return Integer.parseInt(hex.substring(1), 16);
        }

        static int distance(int a, int b) {
            return Math.abs((a >> 16 & 0xFF) - (b >> 16 & 0xFF)) + Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF))
                    + Math.abs((a & 0xFF) - (b & 0xFF));
        }

        boolean near(int x, int y, String hex) {
            return distance(rgb(x, y), parse(hex)) <= TOLERANCE;
        }

        void assertNotBlank() {
            Set<Integer> colors = new HashSet<>();
            long ink = 0;
            int background = rgb(0, 0);
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    int c = rgb(x, y);
                    colors.add(c);
                    if (distance(c, background) > TOLERANCE) ink++;
                }
            }
            assertTrue(colors.size() > 20, "a blank page: " + colors.size() + " colours");
            assertTrue(ink > 2000, "almost nothing drawn: " + ink + " sampled pixels differ from the background");
        }

        /** The top-left corner of each diagram's frame, top to bottom: found by the frame's own colour. */
        List<int[]> diagramOrigins() {
            int frame = parse(LadderSvg.FRAME);
            List<int[]> corners = new ArrayList<>();
            for (int y = 1; y < image.getHeight() - 1; y++) {
                for (int x = 1; x < image.getWidth() - 1; x++) {
                    if (rgb(x, y) == frame && rgb(x - 1, y) != frame && rgb(x, y - 1) != frame
                            && rgb(x + 1, y) == frame && rgb(x, y + 1) == frame) {
                        corners.add(new int[] {x, y});
                    }
                }
            }
            assertTrue(!corners.isEmpty(), "no diagram frame (" + LadderSvg.FRAME + ") in the screenshot");
            return corners;
        }

        /** An arrow along row y: its colour on the line, its head at the receiver, no head at the sender. */
        void assertArrow(int originX, int y, boolean rightward, String color, String what) {
            for (int x : SAMPLE_X) {
                assertTrue(near(originX + x, y - 1, color) || near(originX + x, y, color),
                        what + ": no " + color + " arrow at (" + x + ", " + y + "), found " + String.format("#%06x", rgb(originX + x, y)));
                assertBackground(originX + x, y + ROW_HEIGHT / 2, what + ": between two rows");
            }
            int head = rightward ? RIGHT_X - 7 : LEFT_X + 7;
            int tail = rightward ? LEFT_X + 7 : RIGHT_X - 7;
            assertTrue(near(originX + head, y + 2, color), what + ": no arrow head at x=" + head);
            assertBackground(originX + tail, y + 3, what + ": an arrow head at the sender's end x=" + tail);
        }

        void assertBackground(int x, int y, String what) {
            assertColor(x, y, LadderSvg.BACKGROUND, what);
        }

        void assertColor(int x, int y, String hex, String what) {
            assertTrue(near(x, y, hex), what + ": expected " + hex + " at (" + x + ", " + y + "), found "
                    + String.format("#%06x", rgb(x, y)));
        }

        void assertNotColor(int x, int y, String hex, String what) {
            assertTrue(!near(x, y, hex), what + ": unexpected " + hex + " at (" + x + ", " + y + ")");
        }

        boolean has(String hex) {
            int wanted = parse(hex);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    if (distance(rgb(x, y), wanted) <= 6) return true;
                }
            }
            return false;
        }
    }
}
