package dev.socklab.lab;

import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.UdpFlow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ./lab up: starts a lab, lets its client(s) run once, stops the captures and says what happened; the
 * server keeps running. The verdict on the files and the wire is the cli's after-work (summary, pairing).
 */
public final class Up {
    private static final Duration CAPTURE_STOP = Duration.ofSeconds(30);

    private Up() {
    }

    /** What ./lab up asked for; loss and rate are checked here, before anything starts. */
    public record Options(Placement placement, Path file, String loss, String rate, boolean ipv6) {
        public Options {
            checkImpairment(loss, rate);
        }

        boolean impaired() {
            return loss != null || rate != null;
        }

        Map<String, String> variables() {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("LAB_LOSS", loss == null ? "" : loss);
            v.put("LAB_RATE", rate == null ? "" : rate);
            if (file != null) v.put("LAB_FILE", file.toString());
            return v;
        }
    }

    /** --loss and --rate as every command that impairs the router takes them: checked before anything starts. */
    public static void checkImpairment(String loss, String rate) {
        if (loss != null && !(loss.matches("\\d+(\\.\\d+)?") && Double.parseDouble(loss) <= 100)) {
            throw new LabFailure("--loss takes a percentage from 0 to 100, e.g. --loss 5");
        }
        if (rate != null && !rate.matches("\\d+(\\.\\d+)?[kmg]?bit")) {
            throw new LabFailure("--rate takes a rate such as 500kbit, 10mbit or 1gbit");
        }
    }

    /** One TCP run: the folder, the client's exit code, the two captures (client's side: null for same-host). */
    public record TcpRun(RunFolder run, AddressPlan plan, Placement placement, Path sent, int clientExit,
                         Path serverPcap, Path clientPcap, RunFolder.Merged merged, boolean ipv6) {
    }

    /** Runs the placement's lab once; prints the client's output, the captures' counts and the server's last lines. */
    public static TcpRun tcp(Lab lab, Options o, PrintWriter out) {
        if (o.impaired() && o.placement() != Placement.ROUTED) {
            throw new LabFailure("--loss and --rate impair the router: only --topology routed has one");
        }
        List<Docker.Network> nets = Docker.networkTable();
        AddressPlan plan = lab.userPlan(nets);
        RunFolder run = RunFolder.create(lab.root(), "", lab.project());
        LabFile file = o.placement().file(o.ipv6());
        lab.sameFamily(nets, o.ipv6(), out);
        Compose compose = lab.compose(file, plan, o.variables()).with("RUN_ID", run.id()).with("LAB_WIRE", Recording.inContainer(run));
        say(out, "starting the lab (project " + lab.project() + ", topology " + o.placement().label() + ", LAB_NET "
                + plan.net() + (o.ipv6() ? ", IPv6 " + plan.prefix6() : "") + ", run " + run.id() + ")");
        Instant from = Instant.now();
        compose.up(Lab.START);
        int exit = awaitClient(compose, "client");
        section(out, "client", Docker.logs(compose.require("client")));
        Map<String, Long> drops = recorded(compose, file, run, from, out);
        section(out, "server", tail(Docker.logs(compose.require("server")), 8));
        if (o.impaired()) section(out, "router", impairment(compose));
        Path serverPcap = run.pcap("server-");
        if (serverPcap == null) throw new LabFailure("no pcap was written in " + run.dir());
        Path clientPcap = null;
        if (file.has("client-capture")) {
            clientPcap = run.pcap("client-");
            if (clientPcap == null) throw new LabFailure("no client-side pcap was written in " + run.dir());
        }
        return new TcpRun(run, plan, o.placement(), o.file(), exit, serverPcap, clientPcap, merged(run, out, drops), o.ipv6());
    }

    /** One UDP exercise run: what each client port delivered, judged from the capture beside the server. */
    public record UdpRun(RunFolder run, Path serverPcap, Map<Integer, Long> datagramsByClientPort, long tcpConnections,
                         List<String> clientFailures, boolean impaired, int expected, RunFolder.Merged merged) {
        public boolean ok() {
            if (!clientFailures.isEmpty() || tcpConnections > 0) return false;
            for (long got : datagramsByClientPort.values()) {
                if (got != expected && !(impaired && got < expected)) return false;
            }
            return datagramsByClientPort.size() == 2;
        }
    }

    public static UdpRun udp(Lab lab, Options o, PrintWriter out) throws IOException {
        List<Docker.Network> nets = Docker.networkTable();
        AddressPlan plan = lab.userPlan(nets);
        RunFolder run = RunFolder.create(lab.root(), "", lab.project());
        LabFile file = o.ipv6() ? Labs.udp().ipv6() : Labs.udp();
        int count = Integer.parseInt(System.getenv().getOrDefault("UDP_COUNT", "100"));
        lab.sameFamily(nets, o.ipv6(), out);
        Compose compose = lab.compose(file, plan, o.variables()).with("RUN_ID", run.id()).with("UDP_COUNT", String.valueOf(count))
                .with("LAB_WIRE", Recording.inContainer(run));
        say(out, "starting the UDP exercise (project " + lab.project() + ", LAB_NET " + plan.net()
                + (o.ipv6() ? ", IPv6 " + plan.prefix6() : "") + ", run " + run.id() + ")");
        Instant from = Instant.now();
        compose.up(Lab.START);
        List<String> failures = new ArrayList<>();
        for (String c : List.of("c1", "c2")) {
            if (awaitClient(compose, c) != 0) failures.add(c);
        }
        // The last datagrams may be in flight: UDP gives no end of stream to wait for.
        sleep(Duration.ofMillis(500));
        Map<String, Long> drops = recorded(compose, file, run, from, out);
        String serverLog = Docker.logs(compose.require("server"));
        List<String> arrivals = serverLog.lines().filter(l -> l.contains("->")).toList();
        List<String> shown = new ArrayList<>(arrivals.subList(0, Math.min(6, arrivals.size())));
        if (arrivals.size() > 6) shown.add(arrivals.get(arrivals.size() - 1));
        section(out, "server (first and last lines, in the order received)", String.join("\n", shown));
        if (o.impaired()) section(out, "router", impairment(compose));
        Path pcap = run.pcap("server-");
        if (pcap == null) throw new LabFailure("no pcap was written in " + run.dir());
        TcpAnalysis a = TcpAnalysis.of(pcap);
        Map<Integer, Long> byPort = new LinkedHashMap<>();
        for (int port : new int[] {11000, 13000}) {
            byPort.put(port, a.udpFlows().stream().filter(f -> f.initiator().port() == port)
                    .mapToLong(UdpFlow::datagramsFromInitiator).sum());
        }
        return new UdpRun(run, pcap, byPort, a.connections().size(), failures, o.impaired(), count, merged(run, out, drops));
    }

    /** The lab's capture services, by the lab file: the server's side always, the client's where the lab has one. */
    static List<String> captures(LabFile file) {
        return file.has("client-capture") ? List.of("capture", "client-capture") : List.of("capture");
    }

    /**
     * The run's part of the lab's recording, from {@code from} until every capture has counted what it saw: cut into
     * the run's folder; what each capture dropped itself meanwhile, by point. The captures keep recording.
     */
    static Map<String, Long> recorded(Compose compose, LabFile file, RunFolder started, Instant from, PrintWriter out) {
        return recorded(compose, captures(file), started.dir().resolve(Recording.FOLDER), started, from, out);
    }

    static Map<String, Long> recorded(Compose compose, List<String> captures, Path wire, RunFolder run, Instant from, PrintWriter out) {
        Instant to = Recording.settle(compose, captures, wire);
        return Recording.cut(wire, from, to, run, out);
    }

    /** The run's capture points in one pcapng beside their pcaps, said in one line. */
    static RunFolder.Merged merged(RunFolder run, PrintWriter out, Map<String, Long> drops) {
        RunFolder.Merged m = run.merge(drops);
        section(out, "merged capture", m.file().getFileName() + ": " + m.describe()
                + (m.result().truncated().isEmpty() ? "" : " (" + String.join("; ", m.result().truncated()) + ")"));
        return m;
    }

    static int awaitClient(Compose compose, String service) {
        return Docker.await(compose.require(service), Lab.START).orElseThrow(() ->
                new LabFailure("the " + service + " did not finish within " + Lab.START.toMinutes() + " minutes"));
    }

    /**
     * SIGINT to the captures (tcpdump completes its file), then their packet counts; returns what each capture point
     * lost itself (tcpdump's "dropped by kernel": its buffer overflowed), by the point's name.
     */
    public static Map<String, Long> stopCaptures(Compose compose, PrintWriter out, List<String> captures) {
        List<String> ids = captures.stream().map(compose::require).toList();
        Docker.interruptAndWait(ids, CAPTURE_STOP);
        Map<String, Long> drops = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String log = Docker.logs(ids.get(i));
            String counts = String.join("\n", log.lines()
                    .filter(l -> l.matches(".*(listening on|packets? (captured|received by filter|dropped by kernel)).*")).toList());
            section(out, captures.get(i) + " (tcpdump)", counts);
            java.util.regex.Matcher file = CAPTURE_FILE.matcher(log);
            java.util.regex.Matcher dropped = DROPPED.matcher(log);
            if (file.find() && dropped.find()) drops.put(file.group(1), Long.parseLong(dropped.group(1)));
        }
        return drops;
    }

    private static final java.util.regex.Pattern CAPTURE_FILE = java.util.regex.Pattern.compile("capture file: \\S*/([^/\\s]+)-\\d{8}T\\d{6}Z\\.pcap");
    private static final java.util.regex.Pattern DROPPED = java.util.regex.Pattern.compile("(\\d+) packets? dropped by kernel");

    static String impairment(Compose compose) {
        Exec.Result r = Docker.exec(compose.require("router"), Duration.ofSeconds(30), "lab-impair");
        return r.ok() ? r.text() : "lab-impair failed: " + r.why();
    }

    public static void section(PrintWriter out, String title, String body) {
        String rule = "-".repeat(Math.max(3, 74 - title.length()));
        out.println("--- " + title + " " + rule);
        body.lines().forEach(l -> out.println("  " + l));
        out.flush();
    }

    static void say(PrintWriter out, String text) {
        out.println("==> " + text);
        out.flush();
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
