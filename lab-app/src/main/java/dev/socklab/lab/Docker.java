package dev.socklab.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The docker CLI, for what compose does not say: a container's id, its wait, its logs, a signal, an exec. */
public final class Docker {
    private static final Duration QUICK = Duration.ofSeconds(60);

    private Docker() {
    }

    static Exec.Result docker(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("docker");
        cmd.addAll(List.of(args));
        return Exec.run(cmd, Map.of(), timeout);
    }

    /** Ids of the containers (running or not) with all these labels. */
    public static List<String> containers(String... labels) {
        List<String> args = new ArrayList<>(List.of("ps", "-aq"));
        for (String l : labels) args.addAll(List.of("--filter", "label=" + l));
        return lines(docker(QUICK, args.toArray(String[]::new)).text());
    }

    public static List<String> networks(String... labels) {
        List<String> args = new ArrayList<>(List.of("network", "ls", "-q"));
        for (String l : labels) args.addAll(List.of("--filter", "label=" + l));
        return lines(docker(QUICK, args.toArray(String[]::new)).text());
    }

    public static List<String> volumes(String... labels) {
        List<String> args = new ArrayList<>(List.of("volume", "ls", "-q"));
        for (String l : labels) args.addAll(List.of("--filter", "label=" + l));
        return lines(docker(QUICK, args.toArray(String[]::new)).text());
    }

    /** A network of the engine: its compose project ("" for none), whether it has IPv6, its IPv4 subnets. */
    public record Network(String id, String project, boolean ipv6, List<String> subnets) {
        /** One line of {@link #TABLE}'s template. */
        static Network parse(String line) {
            String[] f = line.split("\\|", -1);
            if (f.length < 4) throw new LabFailure("docker network inspect answered an unexpected line: " + line);
            List<String> v4 = new ArrayList<>();
            for (String s : f[3].split("\\s+")) if (s.contains("/") && s.contains(".")) v4.add(s);
            return new Network(f[0], f[1], Boolean.parseBoolean(f[2]), List.copyOf(v4));
        }
    }

    /** id|project|ipv6|subnets: all a lab's start asks of the networks, in one inspect. */
    static final String TABLE = "{{.Id}}|{{with .Labels}}{{index . \"com.docker.compose.project\"}}{{end}}|{{.EnableIPv6}}|"
            + "{{range .IPAM.Config}}{{.Subnet}} {{end}}";

    /**
     * Every network of the engine, in two docker calls: a lab's start reads both the subnets in use and its own
     * project's networks from it (each docker call costs about 0.1 s on the way of ./lab up).
     */
    public static List<Network> networkTable() {
        List<String> ids = lines(docker(QUICK, "network", "ls", "-q").text());
        if (ids.isEmpty()) return List.of();
        List<String> args = new ArrayList<>(List.of("network", "inspect", "-f", TABLE));
        args.addAll(ids);
        Exec.Result r = docker(QUICK, args.toArray(String[]::new));
        List<Network> nets = new ArrayList<>();
        // A network removed between the two calls is missing from the answer (and docker exits 1): the rest stands.
        for (String line : lines(r.out())) nets.add(Network.parse(line));
        return nets;
    }

    /** Every IPv4 subnet the engine's networks hold: a new lab must overlap none of them. */
    public static List<String> subnetsInUse() {
        return subnets(networkTable());
    }

    /** The IPv4 subnets of these networks. */
    public static List<String> subnets(List<Network> nets) {
        List<String> subnets = new ArrayList<>();
        for (Network n : nets) subnets.addAll(n.subnets());
        return subnets;
    }

    /** Waits for a container to exit and returns its exit code; empty when it is still running at the deadline. */
    public static java.util.OptionalInt await(String container, Duration timeout) {
        Exec.Result r = docker(timeout, "wait", container);
        if (!r.ok()) return java.util.OptionalInt.empty();
        return java.util.OptionalInt.of(Integer.parseInt(r.text()));
    }

    /** SIGINT (tcpdump finishes its file) to all at once, then waits for each: each takes a moment to flush. */
    public static void interruptAndWait(List<String> containers, Duration timeout) {
        for (String c : containers) docker(QUICK, "kill", "-s", "INT", c);
        for (String c : containers) {
            if (await(c, timeout).isEmpty()) throw new LabFailure("a capture did not stop within " + timeout.toSeconds() + " s");
        }
    }

    public static String logs(String container) {
        Exec.Result r = docker(QUICK, "logs", container);
        return r.out() + r.err();
    }

    public static Exec.Result exec(String container, Duration timeout, String... command) {
        List<String> args = new ArrayList<>(List.of("exec", container));
        args.addAll(List.of(command));
        return docker(timeout, args.toArray(String[]::new));
    }

    public static boolean running(String container) {
        return "true".equals(docker(QUICK, "inspect", "-f", "{{.State.Running}}", container).text());
    }

    /** Removes containers and networks for good (a lab's down). */
    public static void remove(List<String> containers, List<String> networks) {
        if (!containers.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-fv"));
            args.addAll(containers);
            docker(Duration.ofSeconds(120), args.toArray(String[]::new));
        }
        for (String n : networks) docker(QUICK, "network", "rm", n);
    }

    public static void removeVolumes(List<String> volumes) {
        if (volumes.isEmpty()) return;
        List<String> args = new ArrayList<>(List.of("volume", "rm", "-f"));
        args.addAll(volumes);
        docker(QUICK, args.toArray(String[]::new));
    }

    /** Starts containers compose created; a container that cannot start is the lab's failure. */
    public static void start(List<String> containers) {
        if (containers.isEmpty()) return;
        List<String> args = new ArrayList<>(List.of("start"));
        args.addAll(containers);
        Exec.Result r = docker(Lab.START, args.toArray(String[]::new));
        if (!r.ok()) throw new LabFailure("a container of the lab did not start: " + r.why());
    }

    /** SIGTERM, then SIGKILL after {@code grace}: for programs that complete their files as they stop. */
    public static void stop(List<String> containers, Duration grace) {
        if (containers.isEmpty()) return;
        List<String> args = new ArrayList<>(List.of("stop", "-t", String.valueOf(grace.toSeconds())));
        args.addAll(containers);
        docker(grace.plus(QUICK), args.toArray(String[]::new));
    }

    /** SIGKILL: a program under {@code sh -c} as PID 1 ignores SIGTERM, and a stop would wait 10 s for it. */
    public static void kill(List<String> containers) {
        if (containers.isEmpty()) return;
        List<String> args = new ArrayList<>(List.of("kill"));
        args.addAll(containers);
        docker(QUICK, args.toArray(String[]::new));
    }

    /** One field of docker inspect (a Go template such as {{.State.ExitCode}}), trimmed; empty when it fails. */
    public static String inspect(String container, String template) {
        Exec.Result r = docker(QUICK, "inspect", "-f", template, container);
        return r.ok() ? r.text() : "";
    }

    /** How many processes the container holds now (docker top: read from outside, so a fork bomb cannot block it). */
    public static int processes(String container) {
        Exec.Result r = docker(QUICK, "top", container, "-o", "pid");
        return r.ok() ? Math.max(0, lines(r.text()).size() - 1) : 0;
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) if (!l.isBlank()) out.add(l.strip());
        return out;
    }
}
