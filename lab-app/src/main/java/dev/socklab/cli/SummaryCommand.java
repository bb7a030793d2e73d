package dev.socklab.cli;

import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.report.HandshakeLadder;
import dev.socklab.report.Table;
import dev.socklab.report.TrafficTable;
import dev.socklab.tcp.Sha256;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code summary}: the verdict of one lab run — file identical, handshake on the wire — as ./lab up prints it. */
@Command(name = "summary",
        mixinStandardHelpOptions = true,
        description = {"Checks one run of the lab: the received file is byte-identical to the sent one (SHA-256), "
                + "and the capture holds a complete three-way handshake to the server port, drawn as a ladder."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed", "1:a check failed (the summary says which)", "2:bad command line"})
final class SummaryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sent", required = true, paramLabel = "FILE", description = "the file the client sent")
    Path sent;

    @Option(names = "--received", required = true, paramLabel = "FILE", description = "the file the server saved (recv.txt)")
    Path received;

    @Option(names = "--pcap", required = true, paramLabel = "FILE", description = "the capture taken beside the server")
    Path pcap;

    @Option(names = "--port", defaultValue = "9898", converter = PortConverter.class, paramLabel = "PORT",
            description = "the server's port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--client-exit", paramLabel = "CODE", description = "the client's exit code, to include in the verdict")
    Integer clientExit;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<String> failures = new ArrayList<>();
        if (clientExit != null && clientExit != 0) failures.add("the client exited with code " + clientExit);

        // Files: what was sent, what arrived.
        String sentSha = Sha256.ofFile(sent);
        Optional<String> receivedSha = Files.isRegularFile(received) ? Optional.of(Sha256.ofFile(received)) : Optional.empty();
        Table files = new Table("", "file", ">bytes", "sha256");
        files.row("sent", sent, Files.size(sent), sentSha);
        files.row("received", received, receivedSha.isPresent() ? Files.size(received) : "-", receivedSha.orElse("(missing)"));
        out.println("Files");
        out.print(indent(files.render()));
        if (receivedSha.isEmpty()) {
            failures.add("the server saved no " + received.getFileName());
        } else if (!receivedSha.get().equals(sentSha)) {
            failures.add(received.getFileName() + " differs from " + sent.getFileName());
        } else {
            out.println("  " + received.getFileName() + " is byte-identical to " + sent.getFileName() + " (same SHA-256)");
        }

        // The wire: the connection to the server port, its handshake as a ladder, traffic and teardown.
        TcpAnalysis analysis = TcpAnalysis.of(pcap);
        out.println();
        out.println("Capture  " + pcap + "  (" + analysis.frames() + " packets)");
        Optional<TcpConnection> conn = analysis.connectionsTo(port).stream()
                .max(Comparator.comparing(TcpConnection::hasCompleteHandshake).thenComparing(TcpConnection::firstSeen));
        if (conn.isEmpty()) {
            failures.add("no TCP connection to port " + port + " in the capture");
        } else {
            TcpConnection c = conn.get();
            out.println();
            out.println("Three-way handshake " + c.client() + " → " + c.server()
                    + "  (absolute numbers, relative in brackets)");
            out.println();
            out.print(HandshakeLadder.render(pcap, analysis, c));
            c.handshake().filter(h -> !h.isComplete()).ifPresent(h ->
                    failures.add("incomplete handshake: " + String.join("; ", h.problems())));
            if (c.handshake().isEmpty()) failures.add("the capture holds no SYN to port " + port);
            out.println();
            // "by seq space" counts each byte once; "payload bytes" counts retransmitted ones again.
            Table traffic = TrafficTable.of(c);
            out.print(indent(traffic.render()));
            out.println("  teardown: " + c.teardown().describe());
        }

        out.println();
        if (failures.isEmpty()) {
            out.println("RESULT: OK — file delivered intact, handshake on the wire");
            out.flush();
            return 0;
        }
        failures.forEach(f -> out.println("FAILED: " + f));
        out.flush();
        return 1;
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
    }
}
