package dev.socklab.cli;

import dev.socklab.pcap.CaptureFormatException;
import dev.socklab.pcap.ConnectionPairing;
import dev.socklab.pcap.Handshake;
import dev.socklab.pcap.HandshakeSegment;
import dev.socklab.pcap.Side;
import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.pcap.UdpFlow;
import dev.socklab.report.PairingReport;
import dev.socklab.report.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code analyze FILE.pcap}: prints each TCP connection's handshake, traffic and teardown. */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        description = {"Summarises the TCP connections in a pcap capture: endpoints, three-way handshake,",
                "bytes and packets each way, and how each connection ended."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the capture was read (and, with --expect-handshake, the handshake was found)",
                "1:the file is missing, not a pcap capture, or truncated (the summary then covers the complete packets)",
                "2:bad command line",
                "3:--expect-handshake: no complete three-way handshake to that port",
                "4:two captures and no connection appears in both"})
final class AnalyzeCommand implements Callable<Integer> {
    static final int EXIT_NO_HANDSHAKE = 3;
    static final int EXIT_NO_PAIR = 4;
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS 'UTC'").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a pcap capture (tcpdump -w)")
    Path file;

    @Option(names = "--expect-handshake", paramLabel = "PORT",
            description = "exit with code 3 unless a complete three-way handshake to server port PORT is in the capture")
    Integer expectHandshakePort;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OTHER",
            description = "a second capture of the same traffic (client side FILE, server side OTHER, e.g. across a NAT):"
                    + " shows the connections both saw side by side")
    Path other;

    @Override
    public Integer call() throws IOException {
        if (expectHandshakePort != null && (expectHandshakePort < 1 || expectHandshakePort > 65535)) {
            throw new LabException("--expect-handshake: " + expectHandshakePort + " is not a port (1-65535)", 2);
        }
        if (other != null) return pair();
        TcpAnalysis analysis;
        try {
            // A capture whose tcpdump was killed ends mid-packet: still show what it holds, then fail.
            analysis = TcpAnalysis.upToTruncation(file);
        } catch (CaptureFormatException e) {
            // The reader's message already names the file and what is wrong with it.
            throw new LabException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(analysis));
        out.flush();
        if (analysis.truncation().isPresent()) {
            throw new LabException(analysis.truncation().get().getMessage()
                    + "; the summary above covers those packets only");
        }
        if (expectHandshakePort != null && !analysis.hasCompleteHandshakeTo(expectHandshakePort)) {
            throw new LabException(missingHandshake(analysis, expectHandshakePort), EXIT_NO_HANDSHAKE);
        }
        return 0;
    }

    /** FILE and OTHER: the connections both captures saw, paired by ISN, endpoints or payload and timing. */
    private int pair() throws IOException {
        TcpAnalysis first = read(file);
        TcpAnalysis second = read(other);
        ConnectionPairing pairing = ConnectionPairing.of(first, second);
        PrintWriter out = spec.commandLine().getOut();
        out.print(PairingReport.render(first, second, pairing));
        out.flush();
        for (TcpAnalysis a : List.of(first, second)) {
            if (a.truncation().isPresent()) throw new LabException(a.truncation().get().getMessage());
        }
        if (expectHandshakePort != null && !first.hasCompleteHandshakeTo(expectHandshakePort)) {
            throw new LabException(missingHandshake(first, expectHandshakePort), EXIT_NO_HANDSHAKE);
        }
        if (pairing.pairs().isEmpty()) {
            throw new LabException("no connection appears in both " + first.source() + " and " + second.source(), EXIT_NO_PAIR);
        }
        return 0;
    }

    private static TcpAnalysis read(Path capture) throws IOException {
        try {
            return TcpAnalysis.upToTruncation(capture);
        } catch (CaptureFormatException e) {
            throw new LabException(e.getMessage(), e);
        }
    }

    private static String missingHandshake(TcpAnalysis analysis, int port) {
        String message = "no complete three-way handshake to port " + port + " in " + analysis.source();
        List<TcpConnection> to = analysis.connectionsTo(port);
        if (to.isEmpty()) return message + " (no TCP connection to that port)";
        TcpConnection c = to.getFirst();
        String why = c.handshake().map(h -> String.join("; ", h.problems())).orElse("its SYN was not captured");
        return message + " (" + to.size() + " connection" + (to.size() == 1 ? "" : "s") + "; "
                + c.client() + " → " + c.server() + ": " + why + ")";
    }

    static String render(TcpAnalysis a) {
        StringBuilder s = new StringBuilder();
        int n = a.connections().size();
        s.append(a.source()).append(": ").append(a.frames()).append(a.frames() == 1 ? " packet, " : " packets, ")
                .append(n).append(n == 1 ? " TCP connection" : " TCP connections").append('\n');
        for (TcpConnection c : a.connections()) {
            s.append('\n').append(connection(c));
        }
        if (!a.udpFlows().isEmpty()) {
            // UDP has no connection to set up or tear down: a flow is just datagrams between two endpoints.
            Table flows = new Table("UDP flow", ">datagrams →", ">bytes →", ">datagrams ←", ">bytes ←", ">duration ms");
            for (UdpFlow f : a.udpFlows()) {
                flows.row(f.initiator() + " → " + f.responder(), f.datagramsFromInitiator(), f.bytesFromInitiator(),
                        f.datagramsFromResponder(), f.bytesFromResponder(), millis(f.duration()));
            }
            s.append('\n').append(flows.render());
            int flowCount = a.udpFlows().size();
            s.append("UDP: ").append(a.udpDatagrams()).append(a.udpDatagrams() == 1 ? " datagram" : " datagrams")
                    .append(" in ").append(flowCount).append(flowCount == 1 ? " flow" : " flows").append('\n');
        }
        return s.toString();
    }

    private static String connection(TcpConnection c) {
        StringBuilder s = new StringBuilder();
        s.append("TCP connection ").append(c.number()).append(": client ").append(c.client())
                .append(" → server ").append(c.server()).append('\n');
        if (c.handshake().isEmpty()) {
            s.append("  handshake: not captured (the capture starts after the SYN)\n");
        } else {
            Handshake h = c.handshake().get();
            s.append("  handshake: ").append(h.isComplete() ? "complete" : "INCOMPLETE: " + String.join("; ", h.problems()))
                    .append('\n');
            Table t = new Table("step", "dir", ">seq", ">ack", ">rel seq", ">rel ack", ">time ms");
            Instant start = h.syn().time();
            step(t, "SYN", h.syn(), start);
            h.synAck().ifPresent(x -> step(t, "SYN-ACK", x, start));
            h.ack().ifPresent(x -> step(t, "ACK", x, start));
            s.append(indent(t.render(), "    "));
        }
        Table traffic = new Table("direction", ">packets", ">payload bytes", ">by seq space");
        for (Side side : Side.values()) {
            traffic.row(side.direction(), c.from(side).packets(), c.from(side).payloadBytes(), c.from(side).sequenceBytes());
        }
        s.append("  traffic:\n").append(indent(traffic.render(), "    "));
        s.append("  teardown: ").append(c.teardown().describe()).append('\n');
        s.append("  duration: ").append(millis(c.duration())).append(" ms (").append(CLOCK.format(c.firstSeen()))
                .append(" → ").append(CLOCK.format(c.lastSeen())).append(")\n");
        return s.toString();
    }

    private static void step(Table t, String name, HandshakeSegment x, Instant start) {
        t.row(name, x.from() == Side.CLIENT ? "→" : "←", x.seq(), x.flags().ack() ? x.ack() : "-",
                x.relativeSeq(), x.flags().ack() ? x.relativeAck() : "-", millis(Duration.between(start, x.time())));
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e6);
    }

    private static String indent(String text, String prefix) {
        return text.lines().map(l -> prefix + l + "\n").reduce("", String::concat);
    }
}
