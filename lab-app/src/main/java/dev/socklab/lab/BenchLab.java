package dev.socklab.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The lab ./lab bench measures in: the routed lab's router, server and capture (snap length 128: headers
 * only) plus bench-client, a client host that stays up (labs/bench.yml), as project {@code <project>-bench}
 * on free addresses. Programs run in the server and the client with docker exec.
 */
final class BenchLab implements AutoCloseable {
    /** lab-app inside the images. */
    static final List<String> APP = List.of("lab-app");   // docker/lab-app: the image's JVM options and CDS archive
    /** The jar inside the images, for the one-class programs the bench runs with plain java -cp. */
    static final String JAR = "/opt/socklab/lab-app.jar";
    private static final Duration STEP = Duration.ofMinutes(30);

    final Lab lab;
    final AddressPlan plan;
    private final Compose compose;
    private String server;
    private String client;

    BenchLab(Lab lab, AddressPlan plan, String runId) {
        this.lab = lab;
        this.plan = plan;
        this.compose = lab.compose(Labs.bench(), plan, Map.of("RUN_ID", runId, "SNAPLEN", "128"));
    }

    String serverIp() {
        return plan.address(AddressPlan.Network.SERVER_NET, Labs.SERVER);
    }

    BenchLab up() {
        lab.clear();   // the plan was just claimed for this project: keep it
        compose.up(Lab.START, "router", "server", "capture", "server-ready", "bench-client");
        int ready = Docker.await(compose.require("server-ready"), Lab.START).orElse(-1);
        if (ready != 0) throw new LabFailure("the bench lab's server did not become ready (server-ready exited " + ready + ")");
        server = compose.require("server");
        client = compose.require("bench-client");
        String route = plan.subnet(AddressPlan.Network.SERVER_NET);
        if (!until(Lab.START, () -> !onClient("ip", "route", "show", route).text().isEmpty())) {
            throw new LabFailure("the bench client has no route to " + route);
        }
        return this;
    }

    Exec.Result onServer(String... cmd) {
        return Docker.exec(server, STEP, cmd);
    }

    Exec.Result onClient(String... cmd) {
        return Docker.exec(client, STEP, cmd);
    }

    static String[] app(String... args) {
        List<String> a = new ArrayList<>(APP);
        a.addAll(List.of(args));
        return a.toArray(String[]::new);
    }

    /** Starts a program in the server in the background; its pid goes to /tmp/NAME.pid. */
    void onServerBackground(String name, String... cmd) {
        List<String> args = new ArrayList<>(List.of("sh", "-c", "echo $$ >/tmp/" + name + ".pid; exec \"$@\"", "sh"));
        args.addAll(List.of(cmd));
        Exec.Result r = Docker.execDetached(server, args.toArray(String[]::new));
        if (!r.ok()) throw new LabFailure("cannot start " + cmd[0] + " in the server: " + r.why());
    }

    void stopOnServer(String name) {
        onServer("sh", "-c", "kill \"$(cat /tmp/" + name + ".pid)\" 2>/dev/null; rm -f /tmp/" + name + ".pid");
    }

    /** Waits until something listens on the port in the server (ss), within the lab's start deadline. */
    void awaitListening(String proto, int port) {
        String flag = proto.equals("udp") ? "-Hlun" : "-Hltn";
        if (!until(Lab.START, () -> !onServer("ss", flag, "sport = :" + port).text().isEmpty())) {
            throw new LabFailure("nothing listens on " + proto + " port " + port + " in the server container");
        }
    }

    /** Polls {@code done} until it holds or the deadline passes: a wait that scales with the machine, not a count. */
    static boolean until(Duration deadline, BooleanSupplier done) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            if (done.getAsBoolean()) return true;
            if (System.nanoTime() > end) return false;
            Up.sleep(Duration.ofMillis(100));
        }
    }

    @Override
    public void close() {
        lab.down();
    }
}
