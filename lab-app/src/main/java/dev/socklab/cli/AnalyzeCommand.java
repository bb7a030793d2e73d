package dev.socklab.cli;

import dev.socklab.pcap.CapturePoint;
import dev.socklab.pcap.ConnectionPairing;
import dev.socklab.pcap.Handshake;
import dev.socklab.pcap.HandshakeSegment;
import dev.socklab.pcap.Side;
import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.pcap.Teardown;
import dev.socklab.pcap.UdpFlow;
import dev.socklab.report.AnalysisJson;
import dev.socklab.report.MalformationReport;
import dev.socklab.report.PairingReport;
import dev.socklab.report.Table;
import dev.socklab.report.TrafficTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import dev.socklab.report.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code analyze FILE...}: each TCP connection's handshake, traffic, Wireshark-style anomalies and teardown; UDP flows. */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        description = {"Summarises the TCP connections and UDP flows in pcap or pcapng captures.",
                "For each connection: endpoints, three-way handshake and its round trip, packets and bytes each way, "
                        + "retransmissions, duplicate ACKs, zero windows, out-of-order segments (counted by Wireshark's "
                        + "rules) and how it ended."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every capture was read (and, with --expect-handshake, the handshake was found)",
                "1:a file is missing, not a capture, or truncated (the summary then covers the complete packets)",
                "2:bad command line",
                "3:--expect-handshake: no complete three-way handshake to that port",
                "4:--pair: no connection appears in both captures"})
final class AnalyzeCommand implements Callable<Integer> {
    static final int EXIT_NO_HANDSHAKE = 3;
    static final int EXIT_NO_PAIR = 4;
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS 'UTC'").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pcap (tcpdump -w) or pcapng (Wireshark) captures;"
            + " a merged pcapng of a run is read one capture point (interface) at a time")
    List<Path> files;

    @Option(names = "--json", description = "print the analysis as JSON (the shape is documented in docs/analyze.md)")
    boolean json;

    @Option(names = "--expect-handshake", paramLabel = "PORT",
            description = "exit with code 3 unless every capture holds a complete three-way handshake to server port PORT")
    Integer expectHandshakePort;

    @Option(names = "--pair", description = "two captures of the same traffic (client side first, server side second,"
            + " e.g. across a NAT), or one merged pcapng (its first and last capture points): show the connections both saw"
            + " side by side, paired by ISN, endpoints or payload")
    boolean pair;

    @Override
    public Integer call() throws IOException {
        if (expectHandshakePort != null && (expectHandshakePort < 1 || expectHandshakePort > 65535)) {
            throw new LabException("--expect-handshake: " + expectHandshakePort + " is not a port (1-65535)", 2);
        }
        if (pair) return pair();
        List<TcpAnalysis> analyses = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            try {
                // A merged pcapng holds several capture points: each is analysed as its own capture.
                for (CapturePoint point : CapturePoint.of(file)) {
                    // A capture whose tcpdump was killed ends mid-packet: still show what it holds, then fail.
                    TcpAnalysis a = TcpAnalysis.upToTruncation(point);
                    analyses.add(a);
                    a.truncation().ifPresent(t -> failures.add(t.getMessage() + "; the summary above covers those packets only"));
                }
            } catch (IOException e) {
                failures.add(Errors.describe(e));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(AnalysisJson.render(analyses));
        } else {
            for (int i = 0; i < analyses.size(); i++) {
                if (i > 0) out.println();
                out.print(render(analyses.get(i)));
            }
        }
        out.flush();
        if (!failures.isEmpty()) {
            // One line per bad file; the last one is the command's own error line.
            PrintWriter err = spec.commandLine().getErr();
            for (String f : failures.subList(0, failures.size() - 1)) err.println("analyze: " + f);
            err.flush();
            throw new LabException(failures.getLast());
        }
        if (expectHandshakePort != null) {
            for (TcpAnalysis a : analyses) {
                if (!a.hasCompleteHandshakeTo(expectHandshakePort)) {
                    throw new LabException(missingHandshake(a, expectHandshakePort), EXIT_NO_HANDSHAKE);
                }
            }
        }
        return 0;
    }

    /** --pair A B: the connections both captures saw, paired by ISN, endpoints or payload and timing. */
    private int pair() throws IOException {
        List<CapturePoint> points = new ArrayList<>();
        for (Path file : files) points.addAll(CapturePoint.of(file));
        // One merged capture: its first point (the client's side) and its last (the server's).
        if (files.size() == 1 && points.size() >= 2) points = List.of(points.getFirst(), points.getLast());
        if (points.size() != 2) {
            throw new LabException("--pair takes two captures, or one merged pcapng of two or more capture points; got "
                    + points.size() + (points.size() == 1 ? " capture" : " captures"), 2);
        }
        TcpAnalysis first = TcpAnalysis.upToTruncation(points.get(0));
        TcpAnalysis second = TcpAnalysis.upToTruncation(points.get(1));
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
        if (n > 1) s.append('\n').append(overview(a.connections()));
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
        if (!a.malformations().isEmpty()) s.append('\n').append(MalformationReport.render(a.malformations()));
        return s.toString();
    }

    /** One line per connection, for captures with several: the details follow. */
    private static String overview(List<TcpConnection> connections) {
        Table t = new Table(">#", "client", "server", ">packets", ">bytes", ">retrans", ">dup ACKs", ">zero win",
                ">out of order", ">RTT ms", "teardown", ">duration ms");
        for (TcpConnection c : connections) {
            t.row(c.number(), c.client(), c.server(), c.packets(),
                    c.fromClient().frameBytes() + c.fromServer().frameBytes(), c.retransmissions(),
                    c.fromClient().expert().duplicateAcks() + c.fromServer().expert().duplicateAcks(),
                    c.fromClient().expert().zeroWindows() + c.fromServer().expert().zeroWindows(),
                    c.fromClient().expert().outOfOrder() + c.fromServer().expert().outOfOrder(),
                    c.handshakeRtt().map(r -> millis(r.total())).orElse("-"), closing(c.teardown()),
                    millis(c.duration()));
        }
        return t.render();
    }

    /** Who closed, in a word or two: "client FIN", "server RST", "open". */
    private static String closing(Teardown t) {
        if (t.rstBy().isPresent()) return t.rstBy().get().label() + " RST";
        return t.firstFin().map(side -> side.label() + " FIN" + (t.fin(side.other()).isPresent() ? " first" : " only"))
                .orElse("open");
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
            c.handshakeRtt().ifPresent(r -> s.append("  handshake RTT: ").append(millis(r.total()))
                    .append(" ms (SYN→SYN-ACK ").append(millis(r.synToSynAck())).append(" ms, SYN-ACK→ACK ")
                    .append(millis(r.synAckToAck())).append(" ms)\n"));
        }
        s.append("  traffic:\n").append(indent(TrafficTable.of(c).render(), "    "));
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
        return Durations.millisText(d);
    }

    private static String indent(String text, String prefix) {
        return text.lines().map(l -> prefix + l + "\n").reduce("", String::concat);
    }
}
