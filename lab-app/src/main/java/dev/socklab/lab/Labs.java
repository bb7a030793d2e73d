package dev.socklab.lab;

import static dev.socklab.lab.AddressPlan.Network.CLIENT_NET;
import static dev.socklab.lab.AddressPlan.Network.NAT_NET;
import static dev.socklab.lab.AddressPlan.Network.SERVER_NET;
import static dev.socklab.lab.Service.Wait.COMPLETED;
import static dev.socklab.lab.Service.Wait.STARTED;

import dev.socklab.lab.AddressPlan.Network;
import java.util.List;

/**
 * Every lab socklab runs, written once. Each renders to the compose file a reader (and compose) sees:
 * docker-compose.yml for the classic routed lab, labs/*.yml for the others. The same role names in
 * each: {@code server}, {@code capture} (beside it), {@code client-capture}, {@code client},
 * {@code router}, and {@code *-ready}, the one-shot waiters the clients start after.
 */
public final class Labs {
    /** The classic exercise's port, and the UDP exercise's. */
    public static final int TCP_PORT = 9898;
    public static final int UDP_PORT = 12000;
    /** Where the NAT gateway forwards from, as a VM's port-forwarding rule. */
    public static final int NAT_PORT = 8080;

    /** Host numbers on each network: the address plan, written once. */
    public static final int ROUTER = 254;
    public static final int SERVER = 10;
    public static final int CLIENT = 10;
    public static final int BRIDGED_SERVER = 20;
    public static final int BRIDGED_CLIENT = 21;
    public static final int GATEWAY = 253;
    public static final int NAT_CLIENT = 30;
    public static final int NAT_GATEWAY = 2;
    public static final int NAT_SERVER = 15;
    public static final int CHECK_SERVER = 30;
    public static final int CHECK_CLIENT = 50;
    public static final int BENCH_CLIENT = 40;

    /**
     * The sandbox of a user's program (./lab check): processes and threads, memory (its folder's tmpfs counts
     * too: lab-app raises it with a large --file), CPUs, /tmp and /dev/shm, output passed on, its folder's size.
     */
    public static final int USER_PIDS = 128;
    public static final int USER_MEMORY_MIB = 256;
    public static final double USER_CPUS = 1.0;
    public static final int USER_TMP_MIB = 16;
    public static final int USER_OUTPUT_BYTES = 1 << 20;
    public static final int USER_DISK_MIB = 64;
    /** Where each program's folder of the run is, in its container and in its host's (which stages it in and out). */
    public static final String USER_FILES = "/files";

    private static final String RUN = "/captures/${RUN_ID:-manual}";

    private Labs() {
    }

    /** All of them, in the order the README lists them, then their IPv6 variants (./lab up --ipv6). */
    public static List<LabFile> all() {
        List<LabFile> labs = new java.util.ArrayList<>(List.of(routed(), sameHost(), bridged(), nat(), udp(), check(), bench()));
        labs.addAll(List.of(routed().ipv6(), sameHost().ipv6(), bridged().ipv6(), nat().ipv6(), udp().ipv6(), check().ipv6()));
        return labs;
    }

    static String at(Network n, int host) {
        return AddressPlan.composeAddress(n, host);
    }

    /** The classic lab: client and server on two networks, a router between them. */
    public static LabFile routed() {
        LabFile f = new LabFile("docker-compose.yml",
                "socklab, the classic lab: a client and a server on two networks with a router between them,",
                "tcpdump beside the server and on the router's client-side leg. ./lab up runs it and checks the wire;",
                "by hand: docker-compose build, then docker-compose up (docs/compose.md). LAB_NET=10.20 moves every address.",
                "",
                "  client-net LAB_NET.2.0/24                        server-net LAB_NET.1.0/24",
                "  [client .2.10] --- [.2.254  router  .1.254] --- [server .1.10 :9898] + [capture]",
                "                      + [client-capture]");
        router(f).on(SERVER_NET, ROUTER).on(CLIENT_NET, ROUTER);
        routedServer(f, "tcp-server", "--port", String.valueOf(TCP_PORT), "--out", RUN, "--keep-each");
        f.add("capture", Kind.CAPTURE).in("server");
        f.add("client-capture", Kind.CAPTURE).in("router").comment("the client's side: the router's leg on client-net")
                .command("lab-capture", "--name", "client", "--address", at(CLIENT_NET, ROUTER));
        serverReady(f, "tcp:" + TCP_PORT);
        routerReady(f, "--impair", "--capture").after("client-capture", STARTED);
        routedClient(f, "client", CLIENT, "tcp-client", at(SERVER_NET, SERVER), "--port", String.valueOf(TCP_PORT),
                "--file", "/lab/sample.txt")
                .env("JAVA_OPTS", "${CLIENT_JAVA_OPTS:--XX:+UseSerialGC}");
        return f;
    }

    /** Server and client on one host, over loopback. */
    public static LabFile sameHost() {
        LabFile f = new LabFile("labs/same-host.yml",
                "same-host: server and client share one network namespace and talk over loopback (127.0.0.1).");
        f.add("server", Kind.SERVER_HOST).noNetwork().env("LAB_OUT", RUN)
                .command("tcp-server", "--port", String.valueOf(TCP_PORT), "--out", RUN, "--keep-each");
        f.add("capture", Kind.CAPTURE).in("server").command("lab-capture", "--iface", "lo");
        serverReady(f, "tcp:" + TCP_PORT);
        f.add("client", Kind.CLIENT_HOST).in("server")
                .command("tcp-client", "127.0.0.1", "--port", String.valueOf(TCP_PORT), "--file", "/lab/sample.txt")
                .after("server-ready", COMPLETED);
        return f;
    }

    /** The server on the client's own LAN, as a VM with a bridged adapter: no router, no route. */
    public static LabFile bridged() {
        LabFile f = new LabFile("labs/bridged.yml",
                "bridged: the server on the client's own network, as a VM with a bridged adapter appears on the",
                "host's LAN with an address of its own. No router, no route.");
        f.add("server", Kind.SERVER_HOST).on(CLIENT_NET, BRIDGED_SERVER).env("LAB_OUT", RUN)
                .command("tcp-server", "--port", String.valueOf(TCP_PORT), "--out", RUN, "--keep-each");
        f.add("capture", Kind.CAPTURE).in("server");
        clientHost(f, BRIDGED_CLIENT).command("lab-capture", "--name", "client");
        serverReady(f, "tcp:" + TCP_PORT);
        clientReady(f, "server-ready");
        f.add("client", Kind.CLIENT_HOST).in("client-capture")
                .command("tcp-client", at(CLIENT_NET, BRIDGED_SERVER), "--port", String.valueOf(TCP_PORT), "--file", "/lab/sample.txt")
                .after("client-ready", COMPLETED);
        return f;
    }

    /** The server behind a NAT gateway's forwarded port, as a VM with a NAT adapter (VirtualBox: 10.0.2.15). */
    public static LabFile nat() {
        LabFile f = new LabFile("labs/nat.yml",
                "nat: the server on a private network behind a NAT gateway, as a VM with a NAT adapter (VirtualBox's",
                "guest 10.0.2.15, gateway 10.0.2.2). The gateway forwards its port 8080 to the server's 9898 and",
                "masquerades: the client connects to the gateway, and the server sees the gateway as its peer.");
        router(f).comment("the NAT gateway").on(CLIENT_NET, GATEWAY).on(NAT_NET, NAT_GATEWAY);
        f.add("server", Kind.SERVER_HOST).on(NAT_NET, NAT_SERVER).env("LAB_OUT", RUN)
                .command("tcp-server", "--port", String.valueOf(TCP_PORT), "--out", RUN, "--keep-each");
        f.add("capture", Kind.CAPTURE).in("server");
        f.add("client-capture", Kind.CAPTURE).in("router").comment("the client's side: the gateway's leg on client-net")
                .command("lab-capture", "--name", "client", "--address", at(CLIENT_NET, GATEWAY));
        serverReady(f, "tcp:" + TCP_PORT);
        routerReady(f, "--nat", at(CLIENT_NET, GATEWAY) + ":" + NAT_PORT, at(NAT_NET, NAT_SERVER) + ":" + TCP_PORT, "--capture")
                .after("client-capture", STARTED);
        f.add("client", Kind.CLIENT_HOST).on(CLIENT_NET, NAT_CLIENT)
                .command("tcp-client", at(CLIENT_NET, GATEWAY), "--port", String.valueOf(NAT_PORT), "--file", "/lab/sample.txt")
                .after("router-ready", COMPLETED);
        return f;
    }

    /** The UDP exercise: c1 (port 11000) and c2 (13000) on one client host send 1..100 to a server on 12000. */
    public static LabFile udp() {
        LabFile f = new LabFile("labs/udp.yml",
                "udp: c1 (port 11000) and c2 (port 13000) send 1..100 to one server on 12000, which prints who sent",
                "what. Both clients run on one client host, so, as in the exercise, only the port tells them apart.");
        router(f).on(SERVER_NET, ROUTER).on(CLIENT_NET, ROUTER);
        routedServer(f, "udp-server", "--port", String.valueOf(UDP_PORT), "--mode", "print", "--receive-file", RUN);
        f.add("capture", Kind.CAPTURE).in("server");
        clientHost(f, CLIENT).command("lab-capture", "--name", "client", "--route", AddressPlan.composeSubnet(SERVER_NET),
                "--via", at(CLIENT_NET, ROUTER));
        serverReady(f, "udp:" + UDP_PORT);
        routerReady(f, "--impair");
        clientReady(f, "router-ready");
        for (String[] c : new String[][] {{"c1", "11000"}, {"c2", "13000"}}) {
            udpClient(f, c[0]).command("udp-client", at(SERVER_NET, SERVER), "--port", String.valueOf(UDP_PORT),
                    "--bind-port", c[1], "--sequence", "1..100", "--loop", "--count", "${UDP_COUNT:-100}",
                    "--interval", "${UDP_INTERVAL:-20ms}");
        }
        return f;
    }

    /**
     * ./lab check: the user's own programs on the two hosts. Each host's network belongs to its capture,
     * which adds the route and the fence (it alone has NET_ADMIN) and holds the programs' folders (tmpfs of a
     * fixed size); each program joins a host with no capability, its own folder and the user's code only.
     */
    public static LabFile check() {
        LabFile f = new LabFile("labs/check.yml",
                "check: your own programs on the two hosts (./lab check). Each host's network belongs to its capture,",
                "which adds the route and a fence (the lab's addresses only: not the Docker host, not the outside).",
                "Your program joins it sandboxed (kinds.yml: user): no capability, limits on processes, memory, CPU",
                "and output, its own folder of the run (a small tmpfs its host copies in and out), your code at /code.");
        router(f).on(SERVER_NET, ROUTER).on(CLIENT_NET, ROUTER);
        String fence = "${LAB_NET:-" + AddressPlan.DEFAULT_NET + "}.0.0/16";
        f.add("capture", Kind.CAPTURE).on(SERVER_NET, CHECK_SERVER).comment("the server host")
                .command("lab-capture", "--route", AddressPlan.composeSubnet(CLIENT_NET), "--via", at(SERVER_NET, ROUTER), "--fence", fence)
                .set("volumes", List.of(files("server") + ":" + USER_FILES + "/server"));
        userProgram(f, "server", "capture");
        f.add("client-host", Kind.CAPTURE).on(CLIENT_NET, CHECK_CLIENT).comment("the client host: both clients run here")
                .command("lab-capture", "--name", "client", "--route", AddressPlan.composeSubnet(SERVER_NET), "--via", at(CLIENT_NET, ROUTER),
                        "--fence", fence)
                .set("extra_hosts", List.of("server:" + at(SERVER_NET, CHECK_SERVER)))
                .set("volumes", List.of(files("client") + ":" + USER_FILES + "/client", files("client2") + ":" + USER_FILES + "/client2"));
        userProgram(f, "client", "client-host");
        userProgram(f, "client2", "client-host");
        f.tmpfsVolumes(Yaml.map("type", "tmpfs", "device", "tmpfs",
                "o", "size=${CHECK_DISK:-" + USER_DISK_MIB + "m},nr_inodes=16k,uid=${CHECK_UID:-10001},gid=${CHECK_GID:-10001}"),
                files("server"), files("client"), files("client2"));
        return f;
    }

    /** The volume that is a program's folder of the run. */
    public static String files(String role) {
        return role + "-files";
    }

    /** ./lab bench: adds to docker-compose.yml a client host that stays up, for iperf3 and lab-app's bench clients. */
    public static LabFile bench() {
        LabFile f = new LabFile("labs/bench.yml",
                "bench: added to docker-compose.yml (-f docker-compose.yml -f labs/bench.yml) by ./lab bench: a client",
                "host that stays up, so the bench can run iperf3 and lab-app's bench clients in it. Its paths are",
                "relative to docker-compose.yml's folder, as compose reads every file added to a first one.").addsToRouted();
        f.add("bench-client", Kind.CLIENT_HOST).on(CLIENT_NET, BENCH_CLIENT).set("cap_add", List.of("NET_ADMIN"))
                .env("ROUTE_TO", AddressPlan.composeSubnet(SERVER_NET)).env("ROUTE_VIA", at(CLIENT_NET, ROUTER))
                .set("entrypoint", List.of("lab-idle"));
        return f;
    }

    private static Service router(LabFile f) {
        return f.add("router", Kind.ROUTER);
    }

    private static Service routedServer(LabFile f, String... command) {
        return f.add("server", Kind.SERVER_HOST).on(SERVER_NET, SERVER)
                .set("cap_add", List.of("NET_ADMIN")).comment("NET_ADMIN only for its route, added as root at start")
                .env("LAB_OUT", RUN).env("ROUTE_TO", AddressPlan.composeSubnet(CLIENT_NET)).env("ROUTE_VIA", at(SERVER_NET, ROUTER))
                .command(command);
    }

    private static Service routedClient(LabFile f, String name, int host, String... command) {
        return f.add(name, Kind.CLIENT_HOST).on(CLIENT_NET, host).set("cap_add", List.of("NET_ADMIN"))
                .env("ROUTE_TO", AddressPlan.composeSubnet(SERVER_NET)).env("ROUTE_VIA", at(CLIENT_NET, ROUTER))
                .command(command).after("router-ready", COMPLETED);
    }

    /** A client host that only captures: the client programs join its namespace. */
    private static Service clientHost(LabFile f, int host) {
        return f.add("client-capture", Kind.CAPTURE).on(CLIENT_NET, host).comment("the client host: owns its network, captures on it");
    }

    private static Service udpClient(LabFile f, String name) {
        return f.add(name, Kind.CLIENT_HOST).in("client-capture")
                .after("client-ready", COMPLETED);
    }

    private static Service serverReady(LabFile f, String listen) {
        return f.add("server-ready", Kind.READY).in("server").command("--listen", listen, "--capture")
                .after("capture", STARTED);
    }

    /** The router's rules (impairment, NAT) in place and its capture listening; after the server is ready. */
    private static Service routerReady(LabFile f, String... args) {
        return f.add("router-ready", Kind.READY).in("router").set("cap_add", List.of("NET_ADMIN"))
                .env("LAB_LOSS", "${LAB_LOSS:-}").env("LAB_RATE", "${LAB_RATE:-}").command(args)
                .after("server-ready", COMPLETED);
    }

    /** The client host's capture listening; after the waiter before it. */
    private static void clientReady(LabFile f, String previous) {
        f.add("client-ready", Kind.READY).in("client-capture").command("--capture")
                .after("client-capture", STARTED).after(previous, COMPLETED);
    }

    private static void userProgram(LabFile f, String role, String host) {
        f.add(role, Kind.USER).in(host).env("SERVER_IP", at(SERVER_NET, CHECK_SERVER))
                .set("command", List.of("${CHECK_" + role.toUpperCase() + "_CMD:-echo CHECK_" + role.toUpperCase() + "_CMD is not set; exit 2}"))
                .set("volumes", List.of(files(role) + ":" + USER_FILES, "${CHECK_CODE:-../captures/empty}:/code:ro"));
    }
}
