package dev.socklab.lab;

import dev.socklab.check.Exchange;
import dev.socklab.check.RunRecord;
import dev.socklab.check.RunResult;
import dev.socklab.check.Sandbox;
import dev.socklab.check.Verdict;
import dev.socklab.tcp.Form;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ./lab check: the user's programs, then socklab's own in the same roles (the reference), each run on the
 * check lab (labs/check.yml) as its own compose project beside the user's lab, on addresses no network
 * holds. Each run leaves {@code captures/check-<time>/<run>/}: the capture, each program's folder and
 * output, and run.properties for the grader. Everything the check started is removed at the end.
 */
public final class CheckRun {
    /** A few seconds past the timeout, so socklab's programs (given the same timeout) say why they gave up. */
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration POLL_MAX = Duration.ofSeconds(1);
    private static final Duration CAPTURE_STOP = Duration.ofSeconds(30);
    private static final Duration QUICK = Duration.ofSeconds(60);
    /** Time for a server that serves one client to exit, or for one that loops to be back in accept(). */
    private static final Duration SETTLE = Duration.ofMillis(500);
    /**
     * A program's stop: lab-user ends all its processes on SIGTERM at once and says what the memory limit killed (a
     * SIGKILL would leave that unsaid); SIGKILL after this if it does not.
     */
    private static final Duration STOP = Duration.ofSeconds(2);
    private static final Pattern DROPPED = Pattern.compile("(?m)^(\\d+) packets? dropped by kernel");
    /** The UDP exercise's client ports: c1 and c2. */
    public static final int C1_PORT = 11000;
    public static final int C2_PORT = 13000;
    private static final int UDP_COUNT = 100;

    /**
     * What ./lab check was asked; checked here, before anything starts.
     *
     * @param protocol TCP: the form socklab's programs speak to the user's ({@link Form#AUTO}: found from what the
     *                 user's code does on the wire)
     */
    public record Options(String server, List<String> clients, Path code, boolean udp, Path file, Duration timeout, String received,
                          Form protocol) {
        public Options(String server, List<String> clients, Path code, boolean udp, Path file, Duration timeout, String received) {
            this(server, clients, code, udp, file, timeout, received, Form.AUTO);
        }

        public Options {
            clients = List.copyOf(clients);
            if (protocol == null) protocol = Form.AUTO;
            if (udp && protocol != Form.AUTO) throw new LabFailure("--protocol is for TCP; the UDP exercise has no greeting");
            if (server == null && clients.isEmpty()) throw new LabFailure("check needs --server CMD, --client CMD or both");
            if (server != null && server.isBlank()) throw new LabFailure("--server: the command is empty");
            if (clients.stream().anyMatch(String::isBlank)) throw new LabFailure("--client: the command is empty");
            if (clients.size() > (udp ? 2 : 1)) throw new LabFailure("too many --client commands (TCP: one; --udp: two, c1 and c2)");
            if (timeout.toMillis() % 1000 != 0 || timeout.toSeconds() < 1 || timeout.toSeconds() > 600) {
                throw new LabFailure("--timeout: whole seconds from 1 to 600, e.g. 20s");
            }
            if (!received.matches("[A-Za-z0-9._-]+") || received.matches("\\.+")) {
                throw new LabFailure("--received: a plain file name, like recv.txt");
            }
            if (!Files.isDirectory(code)) throw new LabFailure("no such folder: " + code);
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) throw new LabFailure("no such readable file: " + file);
        }

        int port() {
            return udp ? Labs.UDP_PORT : Labs.TCP_PORT;
        }

        int seconds() {
            return (int) timeout.toSeconds();
        }
    }

    /** One program of a run: socklab's own or the user's. */
    record Role(String name, String command, boolean user) {
    }

    private final Lab lab;
    private final Options o;
    private final PrintWriter out;
    private final RunFolder folder;
    private final AddressPlan plan;
    private final Compose compose;
    /** Over IPv6 (./lab check --ipv6): the check lab's IPv6 variant, and {server_ip} the server's IPv6 address. */
    private boolean ipv6;

    private CheckRun(Lab lab, Options o, PrintWriter out, RunFolder folder, AddressPlan plan, Compose compose) {
        this.lab = lab;
        this.o = o;
        this.out = out;
        this.folder = folder;
        this.plan = plan;
        this.compose = compose;
    }

    /** Both runs; returns the check's folder with user/ and reference/ for the grader. */
    public static RunFolder run(Lab userLab, Options o, PrintWriter out) throws IOException {
        return run(userLab, o, out, false);
    }

    public static RunFolder run(Lab userLab, Options o, PrintWriter out, boolean ipv6) throws IOException {
        Lab lab = userLab.scenario("check");
        return run(lab, lab.scenarioPlan(), RunFolder.create(userLab.root(), "check-", userLab.project()), o, out, ipv6);
    }

    /** One check as project {@code lab}, on {@code plan}, into {@code folder} (under captures/): a class's submission. */
    public static RunFolder run(Lab lab, AddressPlan plan, RunFolder folder, Options o, PrintWriter out, boolean ipv6)
            throws IOException {
        Compose compose = lab.compose(ipv6 ? Labs.check().ipv6() : Labs.check(), plan, variables(o, folder.dir()));
        Up.say(out, "checking your programs (project " + lab.project() + ", LAB_NET " + plan.net() + (ipv6 ? ", IPv6 " + plan.prefix6() : "")
                + ", folder " + o.code() + ", timeout " + o.seconds() + " s): " + lab.root().relativize(folder.dir()));
        CheckRun check = new CheckRun(lab, o, out, folder, plan, compose);
        check.ipv6 = ipv6;
        try {
            compose.up(Lab.START, "router");
            Form form = Form.AUTO;
            if (o.udp()) check.one("user", check.userRoles(form), ""); else form = check.tcpUser();
            check.one("reference", check.referenceRoles(form), "");
        } finally {
            lab.down();   // its containers, networks and the programs' folders: nothing of the check stays running
        }
        return folder;
    }

    /** The sandbox's sizes: the folders hold the file to send (or receive) twice over; memory holds a folder more. */
    static Map<String, String> variables(Options o, Path dir) throws IOException {
        long fileMib = Files.size(o.file()) >> 20;
        long diskMib = Math.max(Labs.USER_DISK_MIB, 2 * fileMib + 16);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("CHECK_CODE", o.code().toRealPath().toString());
        v.put("CHECK_DISK", diskMib + "m");
        v.put("CHECK_MEMORY", (Labs.USER_MEMORY_MIB + diskMib) + "m");
        // The programs run as the owner of the run folder (the user who ran ./lab), so its files are theirs.
        int uid = (Integer) Files.getAttribute(dir, "unix:uid");
        int gid = (Integer) Files.getAttribute(dir, "unix:gid");
        v.put("CHECK_UID", String.valueOf(uid == 0 ? 10001 : uid));
        v.put("CHECK_GID", String.valueOf(uid == 0 ? 10001 : gid));
        v.put("LAB_RECEIVED", o.received());
        return v;
    }

    /**
     * The user's TCP run; returns the form found (what socklab's reference programs then speak). With a user's server
     * and socklab's client, the client first sends the file raw, which every server that receives until end of stream
     * takes; a server that answered after the client's first bytes and did not save the file took them for a greeting:
     * the run is made again with socklab's client as a greeting client, and judged if the server answered its greeting.
     */
    private Form tcpUser() throws IOException {
        boolean probe = o.protocol() == Form.AUTO && o.server() != null && o.clients().isEmpty();
        boolean socklabInRun = o.server() == null || o.clients().isEmpty();
        String forced = o.protocol() != Form.AUTO && socklabInRun ? "socklab's " + (o.server() == null ? "server" : "client")
                + " spoke the " + o.protocol().label() + " form: --protocol " + o.protocol().label() : "";
        one("user", userRoles(probe ? Form.RAW : o.protocol()), forced);
        if (o.protocol() != Form.AUTO) return o.protocol();
        Path user = folder.dir().resolve("user");
        RunResult raw = RunResult.judge(user);
        Form found = raw.exchange().flatMap(Exchange::form).orElse(Form.RAW);
        boolean lost = raw.check("file").filter(c -> c.verdict() == Verdict.FAIL).isPresent();
        if (!probe || !lost || !raw.exchange().map(Exchange::serverAnswered).orElse(false)) return found;

        Up.say(out, "your server answered the raw client's first bytes and did not save the file: a greeting server? "
                + "running it again with socklab's client as a greeting client (the raw run stays as user-raw)");
        Path rawDir = folder.dir().resolve("user-raw");
        Files.move(user, rawDir);
        one("user", userRoles(Form.GREETING), "found after a raw run, user-raw, whose first bytes your server took for a greeting");
        if (RunResult.judge(user).exchange().flatMap(Exchange::form).equals(Optional.of(Form.GREETING))) return Form.GREETING;
        Up.say(out, "your server did not answer a greeting either: the raw run is judged (the greeting run stays as user-greeting)");
        Files.move(user, folder.dir().resolve("user-greeting"));
        Files.move(rawDir, user);
        RunRecord.formNote(user, "a greeting client was tried too (run user-greeting): your server did not answer its greeting");
        return found;
    }

    private List<Role> userRoles(Form form) {
        List<Role> ref = referenceRoles(form);
        List<Role> roles = new ArrayList<>();
        roles.add(o.server() != null ? new Role("server", o.server(), true) : ref.get(0));
        if (!o.udp()) {
            roles.add(o.clients().isEmpty() ? ref.get(1) : new Role("client", o.clients().get(0), true));
            return roles;
        }
        roles.add(o.clients().isEmpty() ? ref.get(1) : new Role("client", o.clients().get(0), true));
        // One user client: the one-client exercise (c1 only); none or two: the server meets c1 and c2.
        if (o.clients().size() != 1) roles.add(o.clients().size() == 2 ? new Role("client2", o.clients().get(1), true) : ref.get(2));
        return roles;
    }

    /** socklab's own programs in every role; the TCP pair in {@code form} (auto: each recognises the other side's). */
    private List<Role> referenceRoles(Form form) {
        String t = o.seconds() + "s";
        if (o.udp()) {
            String client = "lab-host udp-client {server_ip} --port " + Labs.UDP_PORT + " --sequence 1.." + UDP_COUNT
                    + " --interval 20ms --bind-port ";
            return List.of(new Role("server", "lab-host udp-server --port " + Labs.UDP_PORT + " --mode print", false),
                    new Role("client", client + C1_PORT, false), new Role("client2", client + C2_PORT, false));
        }
        String p = " --protocol " + form.label();
        return List.of(new Role("server", "lab-host tcp-server" + p + " --port " + Labs.TCP_PORT + " --out . --idle-timeout " + t, false),
                new Role("client", "lab-host tcp-client {server_ip}" + p + " --port " + Labs.TCP_PORT + " --file sample.txt --timeout " + t, false));
    }

    /** A role's folder (with the file to send, for a client), its command in the compose environment, its record. */
    private Compose prepare(Compose c, Path dir, Role r, RunRecord.Writer rec, String serverIp, String clientIp) throws IOException {
        Files.createDirectories(dir.resolve(r.name()));
        if (!r.name().equals("server")) Files.copy(o.file(), dir.resolve(r.name()).resolve("sample.txt"));
        String command = r.command().replace("{server_ip}", serverIp);
        rec.program(r.name(), r.name().equals("server") ? serverIp : clientIp, r.user(), command);
        if (o.udp() && !r.name().equals("server")) rec.expectedPort(r.name(), r.name().equals("client") ? C1_PORT : C2_PORT);
        return c.with("CHECK_" + r.name().toUpperCase() + "_CMD", command);
    }

    /** The host whose namespace (and folders) a role's program joins. */
    private static String hostOf(String role) {
        return role.equals("server") ? "capture" : "client-host";
    }

    private void one(String name, List<Role> given, String formNote) throws IOException {
        List<Role> roles = new ArrayList<>(given);
        Path dir = folder.dir().resolve(name);
        String runId = folder.id() + "/" + name;
        String serverIp = ipv6 ? plan.address6(AddressPlan.Network.SERVER_NET, Labs.CHECK_SERVER)
                : plan.address(AddressPlan.Network.SERVER_NET, Labs.CHECK_SERVER);
        String clientIp = ipv6 ? plan.address6(AddressPlan.Network.CLIENT_NET, Labs.CHECK_CLIENT)
                : plan.address(AddressPlan.Network.CLIENT_NET, Labs.CHECK_CLIENT);
        String received = roles.get(0).user() ? o.received() : "recv.txt";
        RunRecord.Writer rec = new RunRecord.Writer(o.udp() ? "udp" : "tcp", o.port(), o.seconds(), "server/" + received,
                "client/sample.txt", serverIp);
        if (!formNote.isEmpty()) rec.formNote(formNote);
        Compose c = compose.with("RUN_ID", runId).with("LAB_RECEIVED", received);
        for (Role r : roles) c = prepare(c, dir, r, rec, serverIp, clientIp);
        Up.say(out, name + " run: " + String.join(", ", roles.stream().map(r -> r.name() + " '" + r.command() + "'"
                + (r.user() ? " (yours)" : " (socklab's)")).toList()));

        c.start(Lab.START, "capture", "client-host");
        Map<String, String> hosts = c.require("capture", "client-host");
        String capture = hosts.get("capture");
        String clientHost = hosts.get("client-host");
        // Each program's folder is its host's tmpfs: what the run folder holds for it goes in first, once the host captures.
        for (String host : List.of("capture", "client-host")) {
            List<String> staged = roles.stream().map(Role::name).filter(n -> hostOf(n).equals(host)).toList();
            readyAndStage(hosts.get(host), runId, staged);
        }
        // The programs made by one compose call (their hosts run: compose joins only a running namespace), each started
        // by docker in its turn: compose costs about a second of CPU a call, shared by checks side by side (--class).
        // A TCP check's second client is made with them (its command is the first's), and started only if the server
        // still listens once the first has left.
        List<String> made = new ArrayList<>(roles.stream().map(Role::name).toList());
        boolean second = !o.udp();
        if (second) c = c.with("CHECK_CLIENT2_CMD", roles.get(1).command().replace("{server_ip}", serverIp));
        if (second) made.add("client2");
        c.create(Lab.START, made.toArray(String[]::new));
        Map<String, String> ids = new LinkedHashMap<>(c.require(made.toArray(String[]::new)));

        String server = ids.get("server");
        Docker.start(List.of(server));
        long deadline = System.nanoTime() + o.timeout().toNanos();
        // Each look is a docker exec, which costs the engine a process: slower as the wait grows (classes run many checks at once).
        for (Duration poll = POLL; !listening(capture) && Docker.running(server) && System.nanoTime() < deadline; poll = slower(poll)) {
            Up.sleep(poll);
        }
        rec.serverListening(listening(capture));

        // A copy: a second client is added to roles later.
        List<Role> clients = List.copyOf(roles.subList(1, roles.size()));
        Docker.start(clients.stream().map(r -> ids.get(r.name())).toList());
        deadline = System.nanoTime() + o.timeout().plus(GRACE).toNanos();
        Map<String, OptionalInt> exits = new LinkedHashMap<>();
        for (Role r : clients) {
            Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(1).toNanos()));
            OptionalInt exit = Docker.await(ids.get(r.name()), left);
            if (exit.isEmpty()) Docker.stop(List.of(ids.get(r.name())), STOP);
            rec.ended(r.name(), exit, exit.isEmpty());
            exits.put(r.name(), exit);
        }
        if (!o.udp()) {
            // The server closes its side of every connection: nothing left established or half-closed.
            rec.serverClosed(awaitClosed(capture, deadline) || !openConnections(capture));
            // Two clients in a row: once the first is done, the same client again (client2) if the port is still
            // open; a server that serves one client and exits has closed it by then.
            Up.sleep(SETTLE);
            Role first = clients.get(0);
            if (exits.get(first.name()).equals(OptionalInt.of(0)) && Docker.running(server) && listening(capture)) {
                Role next = new Role("client2", first.command(), first.user());
                prepare(c, dir, next, rec, serverIp, clientIp);
                stage(clientHost, runId, List.of(next.name()));
                Up.say(out, name + " run: a second client, as the first left: '" + next.command() + "'");
                Docker.start(List.of(ids.get(next.name())));
                roles.add(next);
                OptionalInt exit = Docker.await(ids.get(next.name()), o.timeout().plus(GRACE));
                if (exit.isEmpty()) Docker.stop(List.of(ids.get(next.name())), STOP);
                rec.ended(next.name(), exit, exit.isEmpty());
                deadline = System.nanoTime() + o.timeout().toNanos();
                while (openConnections(capture) && System.nanoTime() < deadline) Up.sleep(POLL);
            }
        }
        Up.sleep(Duration.ofMillis(500));   // the last ACKs (TCP) or datagrams (UDP) are in flight
        boolean serverRuns = Docker.running(server);
        rec.listeningAfter(serverRuns && listening(capture));
        if (serverRuns) rec.ended("server", OptionalInt.empty(), false);

        // What the sandbox saw, while the hosts still hold the folders: processes now, files, fenced packets.
        Map<String, Integer> processes = new LinkedHashMap<>();
        for (Role r : roles) processes.put(r.name(), Docker.processes(ids.get(r.name())));
        Map<String, Long> diskUsed = new LinkedHashMap<>();
        Map<String, Long> blocked = new LinkedHashMap<>();
        for (String host : List.of("capture", "client-host")) {
            List<String> on = roles.stream().map(Role::name).filter(n -> hostOf(n).equals(host)).toList();
            Collected got = collect(host.equals("capture") ? capture : clientHost, runId, on);
            diskUsed.putAll(got.used());
            blocked.put(host, got.blocked());
        }

        Docker.interruptAndWait(List.of(capture, clientHost), CAPTURE_STOP);
        Matcher m = DROPPED.matcher(Docker.logs(capture));
        rec.droppedPackets(m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty());
        Path pcap = new RunFolder(runId, dir).pcap("server-");
        if (pcap == null) throw new LabFailure("no pcap was written in " + dir);
        rec.pcap(pcap.getFileName().toString());

        Docker.stop(new ArrayList<>(ids.values()), STOP);
        Map<String, Docker.State> states = Docker.states(roles.stream().map(r -> ids.get(r.name())).toList());
        long diskLimit = Long.parseLong(c.env().get("CHECK_DISK").replace("m", "")) << 20;
        long memoryLimit = Long.parseLong(c.env().get("CHECK_MEMORY").replace("m", "")) << 20;
        for (Role r : roles) {
            String id = ids.get(r.name());
            UserLog log = UserLog.of(Docker.output(id));
            Files.writeString(dir.resolve(r.name() + ".log"), log.printed(), StandardCharsets.UTF_8);
            Docker.State state = states.get(id);
            if (r.name().equals("server") && !serverRuns && state != null) rec.ended("server", OptionalInt.of(state.exitCode()), false);
            rec.sandbox(r.name(), new Sandbox(log.oomKills(state != null && state.oomKilled()), processes.get(r.name()),
                    Labs.USER_PIDS, memoryLimit, log.printed().getBytes(StandardCharsets.UTF_8).length, Labs.USER_OUTPUT_BYTES,
                    diskUsed.getOrDefault(r.name(), 0L), diskLimit, blocked.get(hostOf(r.name()))));
        }
        rec.write(dir);
        // The next run starts from fresh hosts (and fresh folders: a tmpfs is gone with its last container).
        List<String> all = new ArrayList<>(ids.values());   // a second client made and never started too
        all.addAll(List.of(capture, clientHost));
        Docker.remove(all, List.of());
        Docker.removeVolumes(Docker.volumes("com.docker.compose.project=" + lab.label()));
    }

    /**
     * Waits until the host's capture has its packet socket bound (the route and the fence are in place before it), then
     * fills the programs' folders on it from the run folder: one exec.
     */
    private void readyAndStage(String host, String runId, List<String> roles) {
        String seconds = String.valueOf(o.timeout().plus(QUICK).toSeconds());
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "LAB_READY_TIMEOUT=$1 lab-ready --capture || exit 90; shift; " + STAGE,
                "stage", seconds, runId));
        cmd.addAll(roles);
        Exec.Result r = Docker.exec(host, o.timeout().plus(QUICK), cmd.toArray(String[]::new));
        if (r.ok()) return;
        if (r.exit() != 90) throw new LabFailure("cannot fill a program's folder: " + r.why());
        // A host that exited says why in its own log (its route, its fence or tcpdump): quote its last line.
        String log = Docker.logs(host).strip();
        String last = log.isEmpty() ? "" : log.substring(log.lastIndexOf('\n') + 1);
        throw new LabFailure("a check host did not start its capture: " + r.why() + (last.isEmpty() ? "" : " (its log: " + last + ")"));
    }

    /** sh: $1 the run id, then the roles: each role's files from the run folder into its folder on the host. */
    private static final String STAGE = "run=$1; shift; for role; do cp -a \"/captures/$run/$role/.\" \"" + Labs.USER_FILES
            + "/$role/\" || exit 1; done";

    private static void stage(String host, String runId, List<String> roles) {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", STAGE, "stage", runId));
        cmd.addAll(roles);
        Exec.Result r = Docker.exec(host, QUICK, cmd.toArray(String[]::new));
        if (!r.ok()) throw new LabFailure("cannot fill a program's folder: " + r.why());
    }

    /** What a host's programs left: the bytes each folder holds, and the packets the host's fence dropped. */
    record Collected(Map<String, Long> used, long blocked) {
        /** lab-collect's lines: "used ROLE BYTES", "blocked N"; a line it could not make counts as zero. */
        static Collected parse(String text) {
            Map<String, Long> used = new LinkedHashMap<>();
            long blocked = 0;
            for (String line : text.split("\n")) {
                String[] f = line.strip().split(" ");
                if (f.length == 3 && f[0].equals("used") && f[2].matches("\\d+")) used.put(f[1], Long.parseLong(f[2]));
                if (f.length == 2 && f[0].equals("blocked") && f[1].matches("\\d+")) blocked = Long.parseLong(f[1]);
            }
            return new Collected(used, blocked);
        }
    }

    /** Copies the programs' folders on a host back into the run folder (docker/lab-collect), with what they held. */
    private static Collected collect(String host, String runId, List<String> roles) {
        List<String> cmd = new ArrayList<>(List.of("lab-collect", Labs.USER_FILES, "/captures/" + runId));
        cmd.addAll(roles);
        return Collected.parse(Docker.exec(host, QUICK, cmd.toArray(String[]::new)).out());
    }

    private boolean listening(String host) {
        Exec.Result r = Docker.exec(host, QUICK, "ss", o.udp() ? "-Hlun" : "-Hltn", "sport = :" + o.port());
        return r.ok() && !r.text().isEmpty();
    }

    /**
     * Waits, inside the host, until no connection to the port is left open or the deadline passes: one exec for the
     * whole wait (a hanging server keeps it to the deadline; polled from here, that was five execs a second).
     */
    private boolean awaitClosed(String host, long deadline) {
        long seconds = Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L);
        String open = "ss -Htn state established state close-wait '( sport = :" + o.port() + " )'";
        Exec.Result r = Docker.exec(host, Duration.ofSeconds(seconds).plus(QUICK), "sh", "-c", "end=$(( $(date +%s) + " + seconds
                + " )); while [ -n \"$(" + open + ")\" ]; do [ \"$(date +%s)\" -lt \"$end\" ] || exit 1; sleep 0.2; done");
        return r.ok();
    }

    private static Duration slower(Duration poll) {
        Duration next = poll.multipliedBy(3).dividedBy(2);
        return next.compareTo(POLL_MAX) > 0 ? POLL_MAX : next;
    }

    private boolean openConnections(String host) {
        Exec.Result r = Docker.exec(host, QUICK, "ss", "-Htn", "state", "established", "state", "close-wait", "( sport = :" + o.port() + " )");
        return r.ok() && !r.text().isEmpty();
    }
}
