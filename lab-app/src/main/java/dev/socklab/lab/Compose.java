package dev.socklab.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One compose project on one lab file, driven through the compose CLI that is installed (Debian's
 * docker-compose 1.29, or docker compose v2): the same commands a student types by hand.
 *
 * @param project the compose project name: each scenario its own, so none recreates another's containers
 * @param files   the lab file, and any file that adds to it
 * @param env     what the files' ${VARIABLES} read: LAB_NET, RUN_ID, LAB_FILE, ...
 */
public record Compose(Path root, String project, List<String> files, Map<String, String> env) {

    /** The compose command: LAB_COMPOSE from ./lab, else docker-compose. */
    static List<String> binary() {
        String c = System.getenv("LAB_COMPOSE");
        return List.of((c == null || c.isBlank() ? "docker-compose" : c).split(" "));
    }

    public Compose with(String key, String value) {
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put(key, value);
        return new Compose(root, project, files, e);
    }

    /** The project name as compose writes it in its labels: lower case, letters, digits, '-' and '_'. */
    public String label() {
        return project.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    }

    public Exec.Result run(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(binary());
        cmd.addAll(List.of("-p", project));
        for (String f : files) cmd.addAll(List.of("-f", root.resolve(f).toString()));
        cmd.addAll(List.of(args));
        Map<String, String> e = new LinkedHashMap<>(env);
        e.putIfAbsent("SOCKLAB_TAG", System.getenv().getOrDefault("SOCKLAB_TAG", "latest"));
        e.putIfAbsent("BASE_IMAGE", System.getenv().getOrDefault("BASE_IMAGE", "debian:trixie-slim"));
        return Exec.run(cmd, e, timeout);
    }

    /** Starts the services (all of the file's when none), replacing any other lab file's in this project. */
    public void up(Duration timeout, String... services) {
        List<String> args = new ArrayList<>(List.of("up", "-d", "--remove-orphans"));
        args.addAll(List.of(services));
        Exec.Result r = run(timeout, args.toArray(String[]::new));
        if (!r.ok()) throw new LabFailure(upFailure(r));
    }

    /** Starts these services alone (their hosts are up already): never recreates what they join. */
    public void start(Duration timeout, String... services) {
        List<String> args = new ArrayList<>(List.of("up", "-d", "--no-deps"));
        args.addAll(List.of(services));
        Exec.Result r = run(timeout, args.toArray(String[]::new));
        if (!r.ok()) throw new LabFailure(upFailure(r));
    }

    /** Creates these services' containers (and their networks and volumes) without starting them: docker starts each. */
    public void create(Duration timeout, String... services) {
        List<String> args = new ArrayList<>(List.of("up", "--no-start", "--no-deps"));
        args.addAll(List.of(services));
        Exec.Result r = run(timeout, args.toArray(String[]::new));
        if (!r.ok()) throw new LabFailure(upFailure(r));
    }

    private String upFailure(Exec.Result r) {
        String all = r.out() + r.err();
        if (all.contains("Pool overlaps")) {
            return "the lab's networks (LAB_NET=" + env.getOrDefault("LAB_NET", AddressPlan.DEFAULT_NET)
                    + ") overlap a network that exists already: set LAB_NET to another prefix, e.g. LAB_NET=10.20";
        }
        if (r.exit() == -1) return "the lab did not start in time (compose up)";
        return "the lab did not start: " + r.why();
    }

    /** The container of a service in this project (running or exited), or null. */
    public String containerOf(String service) {
        List<String> ids = Docker.containers("com.docker.compose.project=" + label(), "com.docker.compose.service=" + service);
        return ids.isEmpty() ? null : ids.get(0);
    }

    public String require(String service) {
        String id = containerOf(service);
        if (id == null) throw new LabFailure("no " + service + " container in project " + project);
        return id;
    }

    /** Each service's container in this project (running or exited), in one docker call: a check asks after each up. */
    public Map<String, String> services() {
        return Docker.containersByService("com.docker.compose.project=" + label());
    }

    /** The container of each of these services: one docker call for them all. */
    public Map<String, String> require(String... services) {
        Map<String, String> all = services();
        Map<String, String> ids = new LinkedHashMap<>();
        for (String s : services) {
            String id = all.get(s);
            if (id == null) throw new LabFailure("no " + s + " container in project " + project);
            ids.put(s, id);
        }
        return ids;
    }

    /** Removes every container, network and volume of the project, whichever lab file made them. */
    public void down() {
        String project = "com.docker.compose.project=" + label();
        // A recording capture completes its file as it stops (SIGTERM): removed by force, it would stay a .part.
        List<String> captures = new java.util.ArrayList<>(Docker.containers(project, "com.docker.compose.service=capture"));
        captures.addAll(Docker.containers(project, "com.docker.compose.service=client-capture"));
        Docker.stop(captures, java.time.Duration.ofSeconds(5));
        Docker.remove(Docker.containers(project), Docker.networks(project));
        Docker.removeVolumes(Docker.volumes(project));
    }

    public boolean isUp() {
        return !Docker.containers("com.docker.compose.project=" + label(), "com.docker.compose.service=server").isEmpty()
                || !Docker.containers("com.docker.compose.project=" + label(), "com.docker.compose.service=router").isEmpty();
    }
}
