package dev.socklab.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ./lab compare's runs: the same random payload over TCP on the routed lab, then over UDP on the UDP lab,
 * each captured beside its server, in the scenario's own project ({@code <project>-compare}) on free
 * addresses, so the user's lab is never touched. Everything the project made is removed at the end.
 * The verdict is the analysis's (compare, in the cli).
 */
public final class Compare {
    /** What crosses the wire: at most 1 GiB, so a payload and its two received copies fit a classroom machine. */
    public static final long MAX_SIZE = 1L << 30;
    /** UDP has no end of stream: the last datagrams may still be in flight when the sender exits. */
    private static final Duration IN_FLIGHT = Duration.ofMillis(500);
    private static final Duration STOP = Duration.ofSeconds(30);

    private Compare() {
    }

    /** What ./lab compare asked for; checked before anything starts. */
    public record Options(long size, String loss, String rate, long udpRate, boolean ipv6) {
        public Options {
            if (size < 1 || size > MAX_SIZE) throw new LabFailure("--size must be between 1 byte and 1G");
            Up.checkImpairment(loss, rate);   // the same checks as ./lab up's
            if (udpRate < 0) throw new LabFailure("--udp-rate takes datagrams per second (0: unpaced)");
        }
    }

    /** One side's evidence: the client's exit code, the capture beside the server, the file the server saved. */
    public record Side(Path dir, int clientExit, Path serverPcap, Path received) {
    }

    /** Both runs, in captures/compare-<time>/ (tcp/ and udp/: each lab names its capture server-<time>.pcap). */
    public record Run(RunFolder run, AddressPlan plan, Path sent, Side tcp, Side udp) {
    }

    /**
     * Runs both sides and hands the evidence to {@code analysis} while the payload still exists; the payload
     * and the scenario's containers and networks are gone when this returns.
     */
    public static <T> T run(Lab user, Options o, PrintWriter out, java.util.function.Function<Run, T> analysis) throws IOException {
        Lab lab = user.scenario("compare");
        lab.down();   // what a compare stopped half-way left behind: only this scenario's own project
        AddressPlan plan = lab.scenarioPlan();
        RunFolder run = RunFolder.create(user.root(), "compare-", user.project());
        // Readable by all: the clients run as an unprivileged user of their image.
        Path tmp = Files.createTempDirectory(Path.of("/var/tmp"), "socklab-compare-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path payload = tmp.resolve("random-" + o.size() + ".bin");
        try {
            randomFile(payload, o.size());
            Up.say(out, "comparing TCP and UDP with " + o.size() + " random bytes (project " + lab.project() + ", LAB_NET "
                    + plan.net() + (o.ipv6() ? ", IPv6 " + plan.prefix6() : "") + ", run " + run.id() + ")");
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("LAB_FILE", payload.toString());
            vars.put("LAB_LOSS", o.loss() == null ? "" : o.loss());
            vars.put("LAB_RATE", o.rate() == null ? "" : o.rate());
            vars.put("SNAPLEN", "262144");
            Side tcp = tcp(lab, plan, vars, run, o.ipv6(), out);
            lab.clear();   // the UDP lab's router starts with fresh counters (on the same claimed addresses)
            Side udp = udp(lab, plan, vars, run, o, out);
            return analysis.apply(new Run(run, plan, payload, tcp, udp));
        } finally {
            lab.down();
            Files.deleteIfExists(payload);
            Files.deleteIfExists(tmp);
        }
    }

    private static Side tcp(Lab lab, AddressPlan plan, Map<String, String> vars, RunFolder run, boolean ipv6, PrintWriter out)
            throws IOException {
        Up.say(out, "TCP: tcp-client -> tcp-server:" + Labs.TCP_PORT + " across the router");
        Path dir = subfolder(run, "tcp");
        Compose c = lab.compose(Placement.ROUTED.file(ipv6), plan, vars).with("RUN_ID", run.id() + "/tcp");
        c.up(Lab.START);
        int exit = Up.awaitClient(c, "client");
        Up.section(out, "tcp-client", Docker.logs(c.require("client")));
        Up.stopCaptures(c, out, List.of("capture", "client-capture"));
        if (!vars.get("LAB_LOSS").isEmpty() || !vars.get("LAB_RATE").isEmpty()) Up.section(out, "router", Up.impairment(c));
        return new Side(dir, exit, pcap(dir), dir.resolve(dev.socklab.tcp.Defaults.RECEIVED_NAME));
    }

    /**
     * The UDP lab up to its client host's readiness, then c1 sending the payload with udp-client --file
     * (compose run: the lab file's c1, another command). The server saves the file when it is stopped, if it
     * arrived whole: SIGTERM makes it report every transfer still pending.
     */
    private static Side udp(Lab lab, AddressPlan plan, Map<String, String> vars, RunFolder run, Options o, PrintWriter out)
            throws IOException {
        long rate = o.udpRate();
        Up.say(out, "UDP: udp-client --file -> udp-server:" + Labs.UDP_PORT + " (" + rate + " datagrams/s; 0 = unpaced)");
        Path dir = subfolder(run, "udp");
        Compose c = lab.compose(o.ipv6() ? Labs.udp().ipv6() : Labs.udp(), plan, vars).with("RUN_ID", run.id() + "/udp");
        c.up(Lab.START, "client-ready");
        int ready = Docker.await(c.require("client-ready"), Lab.START).orElse(-1);
        if (ready != 0) throw new LabFailure("the UDP lab did not become ready (client-ready exited " + ready + ")");
        Exec.Result client = c.run(Lab.START, "run", "--rm", "--no-deps", "-T", "c1", "udp-client",
                o.ipv6() ? plan.address6(AddressPlan.Network.SERVER_NET, Labs.SERVER) : plan.address(AddressPlan.Network.SERVER_NET, Labs.SERVER),
                "--port", String.valueOf(Labs.UDP_PORT),
                "--file", "/lab/sample.txt", "--rate", String.valueOf(rate));
        if (client.exit() == -1) throw new LabFailure("the UDP client did not finish within " + Lab.START.toMinutes() + " minutes");
        // compose's own lines ("Creating ...") go to stderr: shown only when the client failed.
        Up.section(out, "udp-client", client.ok() ? client.out() : client.out() + client.err());
        Up.sleep(IN_FLIGHT);
        Up.stopCaptures(c, out, List.of("capture", "client-capture"));
        String server = c.require("server");
        Docker.stop(List.of(server), STOP);
        Up.section(out, "udp-server", Up.tail(Docker.logs(server), 6));
        if (!vars.get("LAB_LOSS").isEmpty() || !vars.get("LAB_RATE").isEmpty()) Up.section(out, "router", Up.impairment(c));
        return new Side(dir, client.exit(), pcap(dir), dir.resolve(dev.socklab.udp.Defaults.RECEIVED_NAME));
    }

    private static Path subfolder(RunFolder run, String name) throws IOException {
        return Files.createDirectories(run.dir().resolve(name));
    }

    private static Path pcap(Path dir) {
        Path p = new RunFolder(dir.getFileName().toString(), dir).pcap("server-");
        if (p == null) throw new LabFailure("no capture was written in " + dir);
        return p;
    }

    /** Random bytes, written in blocks: a compare of 1 GiB must not hold it in memory. */
    static void randomFile(Path file, long size) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] block = new byte[1 << 20];
        try (OutputStream os = Files.newOutputStream(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                os.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    /** The analysis's arguments (lab-app compare) for this run's evidence. */
    public static List<String> analysisArgs(Run r, Options o) {
        List<String> a = new ArrayList<>(List.of("compare", "--sent", r.sent().toString(),
                "--tcp-pcap", r.tcp().serverPcap().toString(), "--tcp-received", r.tcp().received().toString(),
                "--udp-pcap", r.udp().serverPcap().toString(), "--udp-received", r.udp().received().toString(),
                "--tcp-client-exit", String.valueOf(r.tcp().clientExit()),
                "--udp-client-exit", String.valueOf(r.udp().clientExit()), "--out", r.run().dir().toString()));
        if (o.loss() != null) a.addAll(List.of("--loss", o.loss()));
        if (o.rate() != null) a.addAll(List.of("--rate", o.rate()));
        return a;
    }
}
