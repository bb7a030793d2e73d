package dev.socklab.cli;

import dev.socklab.lab.Lab;
import dev.socklab.lab.LabFailure;
import dev.socklab.lab.Placement;
import dev.socklab.lab.Up;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./lab up}: starts the lab, sends the file once, captures both sides and says what crossed the wire. */
@Command(name = "up",
        mixinStandardHelpOptions = true,
        description = {"Starts the lab, sends the file once, captures it on both sides and checks what arrived and what crossed the wire.",
                "With udp: runs the two-client UDP exercise instead. The server keeps running afterwards."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the file arrived intact and the wire shows it", "1:a check failed, or the lab did not start",
                "2:bad command line"})
final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "udp", description = "udp: the UDP exercise (c1 from port 11000 and c2 from 13000 send 1..100 to a server on 12000)")
    String exercise;

    @Option(names = "--file", paramLabel = "PATH", description = "the file the client sends (default: sample.txt)")
    Path file;

    @Option(names = "--topology", paramLabel = "NAME", defaultValue = "routed",
            description = "where the server lives: routed (default: two networks and a router), same-host (loopback), bridged (one LAN), nat (behind a NAT gateway's forwarded port)")
    String topology;

    @Option(names = "--loss", paramLabel = "PERCENT", description = "random loss on what the router forwards (routed and udp)")
    String loss;

    @Option(names = "--rate", paramLabel = "RATE", description = "a rate limit on what the router forwards, e.g. 10mbit (routed and udp)")
    String rate;

    @Option(names = "--ipv6", description = "over IPv6: the networks get IPv6 subnets beside IPv4 and the client connects to the server's IPv6 address (docs/ipv6.md)")
    boolean ipv6;

    @Option(names = "--json", description = "print the run's outcome as one JSON object on the last line")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Lab lab = Lab.fromEnvironment();
        if (exercise != null) {
            if (!exercise.equals("udp")) throw new LabFailure("unknown exercise: " + exercise + " (./lab up, or ./lab up udp)");
            if (file != null || !topology.equals("routed")) throw new LabFailure("up udp takes --loss, --rate and --ipv6 only");
            return udp(lab, out);
        }
        Path sent = sendable(file == null ? lab.root().resolve("sample.txt") : caller(file));
        Up.TcpRun run = Up.tcp(lab, new Up.Options(Placement.of(topology), sent, loss, rate, ipv6), out);
        return verdict(run, sent, json, out);
    }

    /** The after-work of a TCP run (./lab up's, ./lab send's): summary, pairing, report, the closing lines, --json. */
    static int verdict(Up.TcpRun run, Path sent, boolean json, PrintWriter out) throws Exception {
        out.println();
        List<String> serverSide = new ArrayList<>(List.of("summary", "--sent", sent.toString(), "--received",
                run.run().dir().resolve("recv.txt").toString(), "--pcap", run.serverPcap().toString(), "--client-exit",
                String.valueOf(run.clientExit())));
        List<List<String>> afterWork = new ArrayList<>();
        afterWork.add(serverSide);
        if (run.clientPcap() != null) {
            afterWork.add(List.of("analyze", "--pair", run.clientPcap().toString(), run.serverPcap().toString(),
                    "--expect-handshake", String.valueOf(run.placement().clientPort())));
        }
        List<String> report = new ArrayList<>(List.of("report", run.serverPcap().toString()));
        if (run.clientPcap() != null) report.add(run.clientPcap().toString());
        report.addAll(List.of("--out", run.run().dir().toString()));
        afterWork.add(report);
        int rc = together(afterWork, out);
        if (run.clientPcap() == null) {
            out.println("same-host: client and server share one namespace, so its one capture (on lo) is both sides.");
        }
        out.println();
        out.println("The server is still running: more clients can connect. ./lab down removes the lab.");
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("ok", rc == 0);
            j.put("run", run.run().id());
            j.put("dir", run.run().dir().toString());
            j.put("lab_net", run.plan().net());
            j.put("topology", run.placement().label());
            j.put("ipv6", run.ipv6());
            j.put("client_exit", run.clientExit());
            j.put("server_pcap", run.serverPcap().getFileName().toString());
            j.put("client_pcap", run.clientPcap() == null ? null : run.clientPcap().getFileName().toString());
            j.put("merged_pcapng", run.merged().file().getFileName().toString());
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(j));
        }
        out.flush();
        return rc;
    }

    private int udp(Lab lab, PrintWriter out) throws Exception {
        Up.UdpRun run = Up.udp(lab, new Up.Options(Placement.ROUTED, null, loss, rate, ipv6), out);
        out.println();
        int rc = together(List.of(List.of("analyze", run.serverPcap().toString()),
                List.of("report", run.serverPcap().toString(), "--out", run.run().dir().toString())), out);
        for (var e : run.datagramsByClientPort().entrySet()) {
            long got = e.getValue();
            int expected = run.expected();
            if (got == expected) out.println("OK: the server received " + got + " datagrams from port " + e.getKey());
            else if (run.impaired() && got < expected) {
                out.println("LOST: the server received " + got + " of " + expected + " datagrams from port " + e.getKey()
                        + ": " + (expected - got) + " lost on the lossy link, and UDP does not resend");
            } else out.println("FAILED: the server received " + got + " datagrams from port " + e.getKey() + ", expected " + expected);
        }
        out.println("Both clients share one host (one address): only the port tells them apart, as in the exercise.");
        run.clientFailures().forEach(c -> out.println("FAILED: client " + c + " did not finish cleanly"));
        out.println(run.tcpConnections() == 0 ? "OK: no TCP in the capture: UDP has no handshake and no teardown, only datagrams"
                : "FAILED: the capture holds TCP traffic");
        boolean ok = run.ok() && rc == 0;
        out.println(ok ? "RESULT: OK" : "RESULT: FAILED");
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("ok", ok);
            j.put("run", run.run().id());
            j.put("dir", run.run().dir().toString());
            j.put("datagrams_by_client_port", run.datagramsByClientPort());
            j.put("tcp_connections", run.tcpConnections());
            j.put("merged_pcapng", run.merged().file().getFileName().toString());
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(j));
        }
        out.flush();
        return ok ? 0 : 1;
    }

    /**
     * Runs lab-app commands at once in this JVM and prints their output in the given order; 0 when every one
     * succeeded, else the first failure's code. The after-work is several short commands: on two cores,
     * running them together roughly halves the wait.
     */
    static int together(List<List<String>> commands, PrintWriter out) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(commands.size());
        try {
            List<Future<String[]>> results = new ArrayList<>();
            for (List<String> c : commands) {
                results.add(pool.submit(() -> {
                    StringWriter text = new StringWriter();
                    CommandLine cli = Main.commandLine();
                    cli.setOut(new PrintWriter(text, true));
                    cli.setErr(new PrintWriter(text, true));
                    int rc = cli.execute(c.toArray(String[]::new));
                    return new String[] {text.toString(), String.valueOf(rc)};
                }));
            }
            int rc = 0;
            for (int i = 0; i < results.size(); i++) {
                String[] r = results.get(i).get();
                if (i > 0) out.println();
                out.print(r[0]);
                if (rc == 0) rc = Integer.parseInt(r[1]);
            }
            out.flush();
            return rc;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A path as the user typed it: relative to the folder ./lab was started from. */
    static Path caller(Path p) {
        String dir = System.getenv("LAB_CALLER_DIR");
        return p.isAbsolute() || dir == null ? p.toAbsolutePath().normalize() : Paths.get(dir).resolve(p).normalize();
    }

    static Path sendable(Path p) {
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) throw new LabFailure("no such readable file: " + p);
        return p;
    }
}
