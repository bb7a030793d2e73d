package dev.socklab.pcap;

import static dev.socklab.pcap.CaptureReaderTest.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live merge behind ./lab capture: growing pcap streams in, one pcapng stream out, until the reader leaves. */
class LiveMergeTest {

    @Test
    void framesOfStreamsThatArriveInPiecesComeOutMergedInTimeOrderWithAnInterfaceEach() throws Exception {
        byte[] client = Fixtures.bytes(Fixtures.NAT_CLIENT_SIDE);
        byte[] server = Fixtures.bytes(Fixtures.NAT_SERVER_SIDE);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream clientOut = new PipedOutputStream(clientIn);
        // the client's stream trickles in, cut anywhere (inside headers and packets too)
        Thread writer = Thread.ofVirtual().start(() -> {
            try (clientOut) {
                for (int at = 0; at < client.length; at += 37) {
                    clientOut.write(client, at, Math.min(37, client.length - at));
                    clientOut.flush();
                    Thread.sleep(2);
                }
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> problems = new ArrayList<>();
        // The clock stands at the captures' start: every frame is within the hold-back until the streams end.
        Clock atCapture = Clock.fixed(readAll(CaptureReader.open(Fixtures.path(Fixtures.NAT_SERVER_SIDE))).getFirst().time(),
                java.time.ZoneOffset.UTC);
        LiveMerge.End end = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> LiveMerge.run(List.of(
                new LiveMerge.Input("client", clientIn), new LiveMerge.Input("server", new ByteArrayInputStream(server))),
                LiveMerge.pcapng(new PcapngWriter(out, "t")), atCapture, problems::add));
        writer.join();
        assertEquals(LiveMerge.End.INPUTS_ENDED, end);
        assertEquals(List.of(), problems);
        List<Frame> frames = readAll(CaptureReader.open(new ByteArrayInputStream(out.toByteArray()), "live"));
        assertEquals(16, frames.stream().filter(f -> f.interfaceName().equals("client")).count());
        assertEquals(20, frames.stream().filter(f -> f.interfaceName().equals("server")).count());
        for (int i = 1; i < frames.size(); i++) assertTrue(!frames.get(i).time().isBefore(frames.get(i - 1).time()));
    }

    @Test
    void aReaderThatGoesAwayEndsTheMergeEvenWhenNothingCrossesTheWire() throws Exception {
        PipedInputStream idle = new PipedInputStream();
        PipedOutputStream idleOut = new PipedOutputStream(idle);
        idleOut.write(java.util.Arrays.copyOf(Fixtures.bytes(Fixtures.NAT_CLIENT_SIDE), 24));   // a header, then silence
        idleOut.flush();
        OutputStream closedPipe = new OutputStream() {
            int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written > 200) throw new IOException("Broken pipe");
                written += len;
            }
        };
        LiveMerge.End end = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> LiveMerge.run(
                List.of(new LiveMerge.Input("client", idle)), LiveMerge.pcapng(new PcapngWriter(closedPipe, "t")), Clock.systemUTC(), p -> { }));
        assertEquals(LiveMerge.End.READER_GONE, end);
        idleOut.close();
    }

    @Test
    void aStreamThatIsNotPcapEndsAloneAndIsReported() throws Exception {
        List<String> problems = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveMerge.End end = LiveMerge.run(List.of(new LiveMerge.Input("router", new ByteArrayInputStream(new byte[0])),
                new LiveMerge.Input("server", new ByteArrayInputStream(Fixtures.bytes(Fixtures.NAT_SERVER_SIDE)))),
                LiveMerge.pcapng(new PcapngWriter(out, "t")), Clock.systemUTC(), problems::add);
        assertEquals(LiveMerge.End.INPUTS_ENDED, end);
        assertEquals(List.of("router is not a pcap capture: the file is empty"), problems);
        assertEquals(20, readAll(CaptureReader.open(new ByteArrayInputStream(out.toByteArray()), "live")).size());
    }
}
