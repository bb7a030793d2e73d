package dev.socklab.lab;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ./lab send: the running lab's client sends once more, as a new run with its own folder: its part of the lab's
 * recording (the capture services record for the lab's whole life), the file the server kept apart for this connection
 * (tcp-server --keep-each, moved in as recv.txt) and the merged capture, verified as ./lab up's run is.
 */
public final class Send {
    private static final Pattern CONNECTED = Pattern.compile("Connected to \\S+ from \\S+:(\\d+)");

    private Send() {
    }

    /** The TCP lab a project runs, as it was started: its placement, with its IPv6 variant added or not. */
    record Running(Placement placement, boolean ipv6) {
        LabFile file() {
            return ipv6 ? placement.file().ipv6() : placement.file();
        }
    }

    /** The TCP lab the project runs (send must compose the same files), or a one-line failure saying how to start one. */
    static Running running(Lab lab) {
        String server = lab.containers().containerOf("server");
        if (server == null || !Docker.running(server)) {
            throw new LabFailure("no lab is running in project " + lab.project() + ": start one with ./lab up");
        }
        String files = Docker.inspect(server).path("Config").path("Labels").path("com.docker.compose.project.config_files").asText();
        String first = files.split(",")[0].strip();
        for (Placement p : Placement.values()) {
            if (Path.of(first).endsWith(p.file().path())) return new Running(p, files.contains(p.file().ipv6().path()));
        }
        if (Path.of(first).endsWith(Labs.udp().path())) {
            throw new LabFailure("the running lab is the UDP exercise, and ./lab send sends a file over TCP: start one with ./lab up");
        }
        throw new LabFailure("the running lab was not started by ./lab up (" + first + "): start one with ./lab up");
    }

    public static Up.TcpRun tcp(Lab lab, Path sent, PrintWriter out) {
        Running running = running(lab);
        Placement placement = running.placement();
        String server = lab.containers().require("server");
        List<String> subnets = Docker.subnets(Docker.networkTable().stream().filter(n -> n.project().equals(lab.label())).toList());
        AddressPlan plan = new AddressPlan(subnets.isEmpty() ? AddressPlan.DEFAULT_NET
                : subnets.getFirst().replaceFirst("^(\\d+\\.\\d+)\\..*$", "$1"));
        Path serverOut = serverOut(lab, server);
        RunFolder run = RunFolder.create(lab.root(), "", lab.project());
        LabFile file = running.file();
        Compose compose = lab.compose(file, plan, Map.of("LAB_FILE", sent.toString())).with("RUN_ID", run.id());
        Up.say(out, "sending again to the running lab (project " + lab.project() + ", topology " + placement.label()
                + ", run " + run.id() + ")");
        List<String> captures = Up.captures(file);
        Path wire = Recording.of(lab, compose.require("capture"));
        if (!Recording.exists(wire)) {
            throw new LabFailure("the running lab records no wire (it was not started by this ./lab up): ./lab down, then ./lab up");
        }
        // The captures record for the lab's whole life: this run is the window from their counts now to their counts after.
        Instant from = Recording.settle(compose, captures, wire);
        fresh(compose, List.of("client"));
        int exit = Up.awaitClient(compose, "client");
        String clientLog = Docker.logs(compose.require("client"));
        Up.section(out, "client", clientLog);
        Map<String, Long> drops = Up.recorded(compose, captures, wire, run, from, out);
        Up.section(out, "server", Up.tail(Docker.logs(server), 8));
        keptFile(clientLog, serverOut, run);
        Path serverPcap = run.pcap("server-");
        if (serverPcap == null) throw new LabFailure("no pcap was written in " + run.dir());
        Path clientPcap = null;
        if (file.has("client-capture")) {
            clientPcap = run.pcap("client-");
            if (clientPcap == null) throw new LabFailure("no client-side pcap was written in " + run.dir());
        }
        return new Up.TcpRun(run, plan, placement, sent, exit, serverPcap, clientPcap, Up.merged(run, out, drops), running.ipv6());
    }

    /** Starts these services anew (a container of their own, so their logs are this run's only), their hosts untouched. */
    private static void fresh(Compose compose, List<String> services) {
        List<String> args = new ArrayList<>(List.of("up", "-d", "--no-deps", "--force-recreate"));
        args.addAll(services);
        Exec.Result r = compose.run(Lab.START, args.toArray(String[]::new));
        if (!r.ok()) throw new LabFailure("could not start " + String.join(", ", services) + ": " + r.why());
    }

    /** The folder the server writes into (LAB_OUT, /captures/RUN of the run that started the lab), on this host. */
    private static Path serverOut(Lab lab, String server) {
        Path out = lab.capturesFolderOf(server, "LAB_OUT");
        if (out == null) throw new LabFailure("the running server has no LAB_OUT: start the lab with ./lab up");
        return out;
    }

    /**
     * Moves the file the server kept for this run's connection (recv-ADDRESS-PORT.txt, the client's port: across
     * the NAT the address is the gateway's) into the run's folder as recv.txt. None: the summary says the file is missing.
     */
    private static void keptFile(String clientLog, Path serverOut, RunFolder run) {
        Matcher m = CONNECTED.matcher(clientLog);
        String port = null;
        while (m.find()) port = m.group(1);   // the last connection: this run's
        if (port == null) return;
        String suffix = "-" + port + ".txt";
        try (var files = Files.list(serverOut)) {
            List<Path> kept = new ArrayList<>(files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith("recv-") && n.endsWith(suffix);
            }).toList());
            kept.sort(Comparator.comparing(Send::modified).reversed());
            if (!kept.isEmpty()) Files.move(kept.getFirst(), run.dir().resolve("recv.txt"));
        } catch (IOException e) {
            throw new LabFailure("cannot move the server's file into " + run.dir() + ": " + e.getMessage());
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
