package dev.socklab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * ./lab bench analyzer: lab-app analyze against {@code tshark -q -z conv,tcp} on the same real capture. The
 * capture is made on the host, with no container: tcpdump (full snap length) beside a socat server receiving
 * N MiB over a veth pair between two network namespaces, segmentation offload off so frames are at most one
 * MTU as on a real NIC, rate-limited to 2 Gbit/s so tcpdump drops nothing. Needs root; the file lives in
 * /var/tmp and is deleted afterwards, as are the namespaces.
 */
final class AnalyzerBench {
    private static final Duration STEP = Duration.ofMinutes(30);

    private AnalyzerBench() {
    }

    static void run(Path root, Path parts, int mib, PrintWriter out) throws IOException, InterruptedException {
        for (String tool : List.of("ip", "socat", "ethtool", "tcpdump", "tshark", "tc")) {
            if (!sh("command -v " + tool).ok()) throw new LabFailure(tool + " is missing (./lab bench installs it)");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/time"))) throw new LabFailure("/usr/bin/time is missing (./lab bench installs it)");
        String ns = "sl-bench-" + ProcessHandle.current().pid();
        String c = ns.substring(3) + "c";
        String s = ns.substring(3) + "s";
        Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "socklab-bench-analyzer.");
        Path pcap = dir.resolve("analyzer.pcap");
        try {
            out.println("  capturing a " + mib + " MiB transfer (veth between two namespaces, tcpdump -s 0) into " + dir);
            out.flush();
            must("ip netns add " + ns + "-c && ip netns add " + ns + "-s"
                    + " && ip link add " + c + " type veth peer name " + s
                    + " && ip link set " + c + " netns " + ns + "-c && ip link set " + s + " netns " + ns + "-s"
                    + " && ip -n " + ns + "-c addr add 10.77.7.1/24 dev " + c + " && ip -n " + ns + "-s addr add 10.77.7.2/24 dev " + s
                    + " && ip -n " + ns + "-c link set " + c + " up && ip -n " + ns + "-s link set " + s + " up"
                    + " && ip netns exec " + ns + "-c ethtool -K " + c + " tso off gso off gro off >/dev/null"
                    + " && ip netns exec " + ns + "-s ethtool -K " + s + " tso off gso off gro off >/dev/null"
                    // 2 Gbit/s: faster than tcpdump writes to disk, frames would be missing from the capture.
                    + " && ip netns exec " + ns + "-c tc qdisc add dev " + c + " root tbf rate 2gbit burst 1mb latency 50ms");
            Path tcpdumpLog = dir.resolve("tcpdump.log");
            Process tcpdump = new ProcessBuilder("ip", "netns", "exec", ns + "-s", "tcpdump", "-i", s, "-p", "-n", "-B", "262144",
                    "-s", "0", "-Z", "root", "-w", pcap.toString(), "tcp", "port", "9898")
                    .redirectErrorStream(true).redirectOutput(tcpdumpLog.toFile()).start();
            // tcpdump says "listening on" once its filter and ring are in place. Its packet socket appears earlier
            // (/proc/net/packet), but a transfer started then was missed whole: 0 of 15,000 frames.
            if (!BenchLab.until(Lab.START, () -> read(tcpdumpLog).contains("listening on"))) {
                throw new LabFailure("tcpdump did not start capturing");
            }
            Process server = new ProcessBuilder("ip", "netns", "exec", ns + "-s", "socat", "-u",
                    "TCP4-LISTEN:9898,bind=10.77.7.2,reuseaddr", "OPEN:/dev/null").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("socat.log").toFile()).start();
            if (!BenchLab.until(Lab.START, () -> sh("ip netns exec " + ns + "-s ss -Hltn 'sport = :9898' | grep -q .").ok())) {
                throw new LabFailure("socat did not listen");
            }
            must("head -c " + ((long) mib << 20) + " /dev/zero | ip netns exec " + ns + "-c socat -u - TCP4:10.77.7.2:9898");
            server.waitFor(60, TimeUnit.SECONDS);
            Up.sleep(Duration.ofMillis(500));
            tcpdump.destroy();   // SIGTERM: tcpdump writes its counts and exits
            if (!tcpdump.waitFor(60, TimeUnit.SECONDS)) throw new LabFailure("tcpdump did not stop");
            long packets = captured(Files.readString(tcpdumpLog));
            long size = Files.size(pcap);
            if (packets == 0) {
                throw new LabFailure("tcpdump captured nothing: " + Files.readString(tcpdumpLog).strip().replace('\n', ' ')
                        + " / socat: " + Files.readString(dir.resolve("socat.log")).strip() + " / link: "
                        + sh("ip -n " + ns + "-s -s link show " + s + "; ip -n " + ns + "-c -s link show " + c).out().replace('\n', ' '));
            }

            out.println("  timing both on the same file (" + (size >> 20) + " MiB, " + packets + " packets)");
            out.flush();
            sh("cat " + pcap + " >/dev/null");   // both read it from the page cache, not the disk
            ObjectNode r = new ObjectMapper().createObjectNode().put("mib", mib).put("file_bytes", size).put("packets", packets);
            r.set("tshark", timed(dir, "tshark", "tshark -n -r " + pcap + " -q -z conv,tcp"));
            // -Xmx64m: the heap is capped far below the file's size, so streaming is proven, not assumed.
            String jar = root.resolve("lab-app/target/lab-app.jar").toString();
            ObjectNode ours = timed(dir, "ours", "java -Xmx64m -jar " + jar + " analyze --json " + pcap);
            JsonNode a = new ObjectMapper().readTree(dir.resolve("ours.out").toFile()).path("captures").path(0);
            ours.put("frames", a.path("frames").asLong()).put("tcp_connections", a.path("tcpConnections").size());
            r.set("ours", ours);
            Files.writeString(parts.resolve("analyzer.json"), new ObjectMapper().writeValueAsString(r) + "\n");
        } finally {
            sh("ip netns del " + ns + "-c; ip netns del " + ns + "-s");
            LifeBench.delete(dir);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    /** tcpdump's own count, from the line it prints as it exits. */
    static long captured(String log) {
        for (String l : log.split("\n")) {
            String[] f = l.strip().split(" ");
            if (f.length >= 3 && f[1].startsWith("packet") && f[2].equals("captured")) return Long.parseLong(f[0]);
        }
        throw new LabFailure("tcpdump printed no packet count");
    }

    /** Wall seconds and peak RSS (KiB) of one command, from GNU time. */
    private static ObjectNode timed(Path dir, String name, String command) throws IOException {
        Path time = dir.resolve(name + ".time");
        Exec.Result r = sh("/usr/bin/time -f '%e %M' -o " + time + " " + command + " >" + dir.resolve(name + ".out"));
        if (!r.ok()) throw new LabFailure(name + " failed: " + r.why());
        String[] f = Files.readString(time).strip().split("\\s+");
        return new ObjectMapper().createObjectNode().put("seconds", Double.parseDouble(f[f.length - 2]))
                .put("rss_kib", Long.parseLong(f[f.length - 1]));
    }

    private static void must(String script) {
        Exec.Result r = sh(script);
        if (!r.ok()) throw new LabFailure("analyzer bench: " + r.why());
    }

    private static Exec.Result sh(String script) {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", script));
        return Exec.run(cmd, Map.of(), STEP);
    }
}
