package dev.socklab.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benches of a lab's life, each on the lab a user gets from {@code ./lab up} (run as a child, in a project
 * of its own): how long it takes to start (warm, against the engine's own floor), how many start at once
 * (parallel), and what it costs once idle (idle).
 */
final class LifeBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A lab's whole run, front door to after-work; ten at once share two cores. */
    private static final Duration RUN = Lab.START.multipliedBy(2);

    private LifeBench() {
    }

    // ---------------------------------------------------------------- idle

    /**
     * CPU of an idle lab: every container of the lab from ./lab up (its cgroup's counter) and the engine
     * (dockerd, containerd, the lab's shims: /proc/PID/stat), over one window, as a share of one core; and the
     * engine alone over the same window before the lab came up: on an engine others use too, the lab's share is
     * its containers, its shims and the engine's work beyond that level (lab_pct); total_pct is everything.
     */
    static void idle(Lab lab, RunFolder run, Path parts, Bench.Settings s, PrintWriter out) throws IOException, InterruptedException {
        lab.down();
        long window = s.idle().toNanos();
        out.println("  the engine with no lab of this bench, " + s.idle().toSeconds() + " s");
        out.flush();
        Map<String, List<Integer>> before = IdleCpu.engine(List.of());
        Map<String, Long> b0 = processTimes(before);
        long t0 = System.nanoTime();
        Up.sleep(s.idle());
        long engineBefore = delta(b0, processTimes(before)).values().stream().mapToLong(Long::longValue).sum();
        double beforePct = IdleCpu.percent(engineBefore, System.nanoTime() - t0);

        out.println("  ./lab up (project " + lab.project() + "), then " + s.idle().toSeconds() + " s idle");
        out.flush();
        ChildLab.Result up = new ChildLab(lab, lab.scenarioPlan(), parts.resolve("idle-up.log")).start().await(RUN);
        try {
            if (!up.ok()) throw new LabFailure("./lab up failed (exit " + up.exit() + "; see " + parts.resolve("idle-up.log") + ")");
            Map<String, Integer> pids = new LinkedHashMap<>();
            List<String> ids = new ArrayList<>();
            for (String id : Docker.containers("com.docker.compose.project=" + lab.label())) {
                var c = Docker.inspect(id);
                if (c.path("State").path("Running").asBoolean()) {
                    pids.put(c.path("Config").path("Labels").path("com.docker.compose.service").asText(), c.path("State").path("Pid").asInt());
                    ids.add(c.path("Id").asText());
                }
            }
            if (pids.isEmpty()) throw new LabFailure("no running container in project " + lab.project() + " after ./lab up");
            Map<String, List<Integer>> engine = IdleCpu.engine(ids);
            Map<String, Long> c0 = new LinkedHashMap<>();
            pids.forEach((name, pid) -> c0.put(name, IdleCpu.containerNanos(pid)));
            Map<String, Long> e0 = processTimes(engine);
            long w0 = System.nanoTime();
            Up.sleep(s.idle());
            Map<String, Long> c1 = new LinkedHashMap<>();
            pids.forEach((name, pid) -> c1.put(name, IdleCpu.containerNanos(pid)));
            Map<String, Long> e1 = processTimes(engine);
            window = System.nanoTime() - w0;

            ObjectNode r = JSON.createObjectNode().put("seconds", round(window / 1e9));
            ObjectNode containers = r.putObject("containers_pct");
            long containerSum = 0;
            for (String name : pids.keySet()) {
                long d = c1.get(name) - c0.get(name);
                containerSum += d;
                containers.put(name, round(IdleCpu.percent(d, window)));
            }
            ObjectNode eng = r.putObject("engine_pct");
            long engineSum = 0;
            Map<String, Long> d = delta(e0, e1);
            for (var e : engine.entrySet()) {
                long sum = e.getValue().stream().mapToLong(pid -> d.getOrDefault(e.getKey() + ":" + pid, 0L)).sum();
                engineSum += sum;
                eng.put(e.getKey(), round(IdleCpu.percent(sum, window)));
            }
            r.put("containers_total_pct", round(IdleCpu.percent(containerSum, window)));
            r.put("engine_total_pct", round(IdleCpu.percent(engineSum, window)));
            r.put("total_pct", round(IdleCpu.percent(containerSum + engineSum, window)));
            r.put("engine_before_lab_pct", round(beforePct));
            // On an engine others use too, dockerd and containerd work for every project: the lab's share is its
            // containers, its shims, and what the engine did beyond its own level just before the lab came up.
            double shims = IdleCpu.percent(engine.get("shims").stream()
                    .mapToLong(pid -> d.getOrDefault("shims:" + pid, 0L)).sum(), window);
            double engineAbove = Math.max(0, IdleCpu.percent(engineSum, window) - shims - beforePct);
            r.put("lab_pct", round(IdleCpu.percent(containerSum, window) + shims + engineAbove));
            Files.writeString(parts.resolve("idle.json"), JSON.writeValueAsString(r) + "\n");
        } finally {
            forget(up);
        }
    }

    /** CPU nanoseconds of each process, keyed "group:pid"; a process gone since counts as not there. */
    private static Map<String, Long> processTimes(Map<String, List<Integer>> groups) {
        Map<String, Long> m = new LinkedHashMap<>();
        groups.forEach((g, pids) -> pids.forEach(pid -> {
            long n = IdleCpu.processNanos(pid);
            if (n >= 0) m.put(g + ":" + pid, n);
        }));
        return m;
    }

    private static Map<String, Long> delta(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> d = new LinkedHashMap<>();
        b.forEach((k, v) -> {
            if (a.containsKey(k)) d.put(k, v - a.get(k));
        });
        return d;
    }

    // ---------------------------------------------------------------- warm

    /**
     * ./lab up with images built, to the verified transfer (the client exits 0 only once the server's OK
     * matched its SHA-256), phase by phase from the containers' own start and finish times; each run followed
     * by the engine's floor: the same containers, networks and images with a no-op command.
     */
    static void warm(Lab lab, RunFolder run, Path parts, Bench.Settings s, PrintWriter out) throws IOException, InterruptedException {
        ObjectNode w = JSON.createObjectNode();
        ArrayNode runs = w.putArray("runs");
        ArrayNode floors = w.putArray("floor");
        Path floorFile = parts.resolve("floor.yml");
        Files.writeString(floorFile, floorOverride(Labs.routed()));
        for (int i = 1; i <= s.warmRuns(); i++) {
            lab.down();
            AddressPlan plan = lab.scenarioPlan();
            out.println("  run " + i + "/" + s.warmRuns() + ": ./lab up, then the engine's floor");
            out.flush();
            ChildLab.Result up = new ChildLab(lab, plan, parts.resolve("warm-" + i + ".log")).start().await(RUN);
            try {
                runs.add(phases(lab, up));
            } finally {
                forget(up);
            }
            floors.add(floor(lab, plan, floorFile));
            lab.down();
        }
        Files.writeString(parts.resolve("warm.json"), JSON.writeValueAsString(w) + "\n");
    }

    private static ObjectNode phases(Lab lab, ChildLab.Result up) {
        Map<String, Instant[]> t = new LinkedHashMap<>();
        for (String svc : List.of("server", "server-ready", "router-ready", "client")) t.put(svc, times(lab, svc));
        Instant clientDone = t.get("client")[1];
        ObjectNode n = JSON.createObjectNode().put("ok", up.ok())
                .put("verified_s", secs(up.started(), clientDone)).put("total_s", round(up.seconds()));
        ObjectNode p = n.putObject("phases");
        // Along the critical path, each from the previous one's end.
        p.put("front_door_compose_until_server_starts", secs(up.started(), t.get("server")[0]));
        p.put("server_jvm_listening_and_capture", secs(t.get("server")[0], t.get("server-ready")[1]));
        p.put("router_rules_and_capture", secs(t.get("server-ready")[1], t.get("router-ready")[1]));
        p.put("client_created_and_started", secs(t.get("router-ready")[1], t.get("client")[0]));
        p.put("client_jvm_transfer_verified", secs(t.get("client")[0], clientDone));
        p.put("captures_stopped_summary_pictures", secs(clientDone, up.ended()));
        return n;
    }

    /** A service's container's start and finish time (the engine's clock, the host's). */
    private static Instant[] times(Lab lab, String service) {
        List<String> ids = Docker.containers("com.docker.compose.project=" + lab.label(), "com.docker.compose.service=" + service);
        if (ids.isEmpty()) throw new LabFailure("./lab up left no " + service + " container to time");
        var state = Docker.inspect(ids.get(0)).path("State");
        String[] f = {state.path("StartedAt").asText(), state.path("FinishedAt").asText()};
        return new Instant[] {Instant.parse(f[0]), f[1].startsWith("0001") ? null : Instant.parse(f[1])};
    }

    /**
     * The engine's floor: compose up of the same lab file, with every program replaced by a no-op (hosts sleep,
     * one-shots exit 0), from the command to the client's exit, as verified_s is for ./lab up.
     */
    private static ObjectNode floor(Lab lab, AddressPlan plan, Path override) {
        lab.clear();   // ./lab up's lab, on the plan claimed for it, which the floor's lab reuses
        Compose c = new Compose(lab.root(), lab.project(), List.of(Labs.routed().path(), override.toString()),
                Map.of("LAB_NET", plan.net(), "RUN_ID", "floor"));
        Instant t0 = Instant.now();
        c.up(Lab.START);
        int exit = Docker.await(c.require("client"), Lab.START).orElse(-1);
        Instant done = times(lab, "client")[1];
        lab.clear();
        return JSON.createObjectNode().put("ok", exit == 0).put("seconds", secs(t0, done));
    }

    /** A compose override giving each service a no-op: the hosts others join stay up, the one-shots exit at once. */
    static String floorOverride(LabFile file) {
        StringBuilder y = new StringBuilder("# The engine's floor (./lab bench warm): the same lab, every program a no-op.\n"
                + "version: \"2.4\"\nservices:\n");
        for (Service s : file.services()) {
            boolean oneShot = s.kind() == Kind.READY || s.name().equals("client");
            // sh -c ignores the service's own command (it becomes $0, $1...), so none needs removing.
            y.append("  ").append(s.name()).append(": {entrypoint: [sh, -c, \"")
                    .append(oneShot ? "exit 0" : "exec sleep infinity").append("\"]}\n");
        }
        return y.toString();
    }

    // ---------------------------------------------------------------- parallel

    /** Labs at once, each ./lab up in its own project (<project>-bench-pN) on its own free addresses; each must verify. */
    static void parallel(Lab lab, RunFolder run, Path parts, Bench.Settings s, PrintWriter out) throws IOException, InterruptedException {
        List<Lab> labs = new ArrayList<>();
        for (int i = 0; i < s.labs(); i++) labs.add(new Lab(lab.root(), lab.project() + "-p" + i));
        labs.forEach(Lab::down);
        List<AddressPlan> plans = plans(lab, s.labs());
        out.println("  " + s.labs() + " labs at once on " + plans.getFirst().net() + " .. " + plans.getLast().net());
        out.flush();
        List<ChildLab> children = new ArrayList<>();
        Instant t0 = Instant.now();
        for (int i = 0; i < labs.size(); i++) {
            children.add(new ChildLab(labs.get(i), plans.get(i), parts.resolve("parallel-p" + i + ".log")).start());
        }
        List<ChildLab.Result> results = new ArrayList<>();
        for (ChildLab c : children) results.add(c.await(RUN));
        Instant t1 = Instant.now();
        int verified = 0;
        ArrayNode failed = JSON.createArrayNode();
        java.util.Set<Path> dirs = new java.util.HashSet<>();
        for (int i = 0; i < results.size(); i++) {
            ChildLab.Result r = results.get(i);
            if (r.ok()) verified++;
            else failed.add("p" + i);
            if (r.dir() != null) dirs.add(r.dir());
            labs.get(i).down();
            forget(r);
        }
        ObjectNode p = JSON.createObjectNode().put("labs", s.labs()).put("verified", verified)
                .put("distinct_run_folders", dirs.size()).put("seconds", secs(t0, t1));
        p.set("failed", failed);
        Files.writeString(parts.resolve("parallel.json"), JSON.writeValueAsString(p) + "\n");
    }

    /** Addresses for n labs: consecutive from LAB_NET when it is set, else the first free ones, all distinct. */
    static List<AddressPlan> plans(Lab lab, int n) {
        String env = System.getenv("LAB_NET");
        List<AddressPlan> plans = new ArrayList<>();
        if (env != null && !env.isBlank()) {
            String[] o = new AddressPlan(env.strip()).net().split("\\.");
            for (int i = 0; i < n; i++) {
                int b = Integer.parseInt(o[1]) + i;
                if (b > 254) throw new LabFailure("LAB_NET " + env + " leaves no room for " + n + " labs");
                plans.add(new AddressPlan(o[0] + "." + b));
            }
            return plans;
        }
        for (int i = 0; i < n; i++) plans.add(lab.scenarioPlan());   // each claimed: no two labs share a prefix
        return plans;
    }

    // ---------------------------------------------------------------- helpers

    /** A bench run's lab leaves nothing in captures/: its folder goes. */
    private static void forget(ChildLab.Result r) {
        Path dir = r.dir();
        if (dir != null && dir.getParent() != null && dir.getParent().getFileName().toString().equals("captures")) {
            delete(dir);
        }
    }

    static void delete(Path dir) {
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: a folder a container still writes to is left for ./lab down's user to remove
        }
    }

    private static double secs(Instant a, Instant b) {
        if (a == null || b == null) return -1;
        return round(Duration.between(a, b).toNanos() / 1e9);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
