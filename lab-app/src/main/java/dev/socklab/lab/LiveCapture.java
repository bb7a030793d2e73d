package dev.socklab.lab;

import dev.socklab.pcap.LiveMerge;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The running lab's capture points, live: a tcpdump per point (lab-capture --stdout in a throwaway container of the
 * capture image, in the point's network namespace) whose pcap streams back while someone reads it. Nothing runs
 * while nobody watches; the lab's own containers and run folders are never touched. The containers carry the
 * project's label, so ./lab down removes any that outlived their reader.
 *
 * <p>The points: {@code client} (the router's leg on client-net, where the run's client-side capture sits),
 * {@code router} (its other leg: the packet after forwarding, or after NAT) and {@code server} (beside the server,
 * on loopback when it has no network: same-host).
 */
public final class LiveCapture implements AutoCloseable {
    private static final Duration QUICK = Duration.ofSeconds(60);

    /** Where a point captures: the container whose network namespace it joins, and the address picking the interface. */
    public record Point(String name, String container, String address) {
    }

    private final List<Point> points;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Thread cleanup = new Thread(this::stop);

    private LiveCapture(List<Point> points) {
        this.points = points;
    }

    /** The lab's points, client's side first; a one-line failure when no lab runs. */
    public static List<Point> points(Lab lab) {
        Compose c = lab.containers();
        String server = c.containerOf("server");
        if (server == null || !Docker.running(server)) {
            throw new LabFailure("no lab is running in project " + lab.project() + ": start one with ./lab up");
        }
        List<Point> points = new ArrayList<>();
        String router = c.containerOf("router");
        if (router != null && Docker.running(router)) {
            Map<String, String> legs = addresses(router, c.label());
            String clientLeg = legs.remove("client-net");
            if (clientLeg != null) points.add(new Point("client", router, clientLeg));
            if (legs.size() == 1) points.add(new Point("router", router, legs.values().iterator().next()));
        }
        Map<String, String> serverNets = addresses(server, c.label());
        points.add(new Point("server", server, serverNets.isEmpty() ? "127.0.0.1" : serverNets.values().iterator().next()));
        return points;
    }

    /** When the running lab's server started: the watch's history begins there. */
    public static java.time.Instant labStarted(Lab lab) {
        String started = Docker.inspect(lab.containers().require("server")).path("State").path("StartedAt").asText();
        try {
            return java.time.Instant.parse(started);
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.Instant.now();
        }
    }

    /** A container's address on each of its networks, by the network's name in the lab file (client-net, ...). */
    private static Map<String, String> addresses(String container, String project) {
        Map<String, String> out = new LinkedHashMap<>();
        var networks = Docker.inspect(container).path("NetworkSettings").path("Networks").properties();
        for (var n : networks) {
            String network = n.getKey();
            String address = n.getValue().path("IPAddress").asText();
            if (address.isEmpty()) continue;
            // compose names a network <project>_<name>
            out.put(network.startsWith(project + "_") ? network.substring(project.length() + 1) : network, address);
        }
        return out;
    }

    /** Starts a tcpdump at each point; their streams are the merge's inputs. */
    public static LiveCapture start(Lab lab, List<Point> points) {
        LiveCapture live = new LiveCapture(points);
        Runtime.getRuntime().addShutdownHook(live.cleanup);
        String image = "socklab/capture:" + System.getenv().getOrDefault("SOCKLAB_TAG", "latest");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        for (Point p : points) {
            String name = lab.containers().label() + "-live-" + p.name() + "-" + suffix;
            List<String> cmd = List.of("docker", "run", "--rm", "-i", "--name", name,
                    "--label", "com.docker.compose.project=" + lab.containers().label(), "--label", "socklab.live=" + p.name(),
                    "--network", "container:" + p.container(), "--cap-add", "NET_ADMIN", "--cap-add", "NET_RAW",
                    "--log-driver", "none", image, "lab-capture", "--stdout", "--address", p.address());
            try {
                live.processes.add(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start());
                live.names.add(name);
            } catch (IOException e) {
                live.close();
                throw new LabFailure("cannot start docker to capture at " + p.name() + ": " + e.getMessage());
            }
        }
        return live;
    }

    public List<LiveMerge.Input> inputs() {
        List<LiveMerge.Input> in = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) in.add(new LiveMerge.Input(points.get(i).name(), processes.get(i).getInputStream()));
        return in;
    }

    private synchronized void stop() {
        if (names.isEmpty()) return;
        // the docker client going away does not stop its container: remove it by name
        Docker.remove(List.copyOf(names), List.of());
        processes.forEach(Process::destroy);
        names.clear();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
