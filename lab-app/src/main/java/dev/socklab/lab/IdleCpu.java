package dev.socklab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time as the kernel counts it, read without starting anything (docker stats would itself cost the engine
 * CPU): a container's from its cgroup (cgroup v1 cpuacct.usage, v2 cpu.stat), a process's from /proc/PID/stat.
 * Two readings a window apart give the share of one core used in between.
 */
public final class IdleCpu {
    private IdleCpu() {
    }

    /** Nanoseconds of CPU a container's cgroup has used, found through its main process's /proc/PID/cgroup. */
    public static long containerNanos(int pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
                String[] f = line.split(":", 3);
                if (f.length < 3) continue;
                if (List.of(f[1].split(",")).contains("cpuacct")) {
                    Path p = Path.of("/sys/fs/cgroup/cpuacct" + f[2], "cpuacct.usage");
                    if (!Files.isReadable(p)) p = Path.of("/sys/fs/cgroup/cpu,cpuacct" + f[2], "cpuacct.usage");
                    return Long.parseLong(Files.readString(p).strip());
                }
                if (f[0].equals("0") && f[1].isEmpty()) {
                    Path p = Path.of("/sys/fs/cgroup" + f[2], "cpu.stat");
                    if (Files.isReadable(p)) return cpuStatMicros(Files.readString(p)) * 1000;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new LabFailure("cannot read the CPU time of process " + pid + "'s cgroup: " + e.getMessage());
        }
        throw new LabFailure("no cpuacct or cgroup v2 CPU counter for process " + pid);
    }

    /** usage_usec of a cgroup v2 cpu.stat. */
    static long cpuStatMicros(String cpuStat) {
        for (String l : cpuStat.split("\n")) {
            String[] kv = l.strip().split("\\s+");
            if (kv.length == 2 && kv[0].equals("usage_usec")) return Long.parseLong(kv[1]);
        }
        throw new IllegalArgumentException("no usage_usec in cpu.stat");
    }

    /** user + system clock ticks of a process, from the text of /proc/PID/stat (the name may hold spaces). */
    static long statTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After ")": state is field 3, utime 14 and stime 15 (proc(5)), so indexes 11 and 12 here.
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** CPU nanoseconds a process has used, or -1 when it is gone. */
    public static long processNanos(int pid) {
        try {
            return statTicks(Files.readString(Path.of("/proc/" + pid + "/stat"))) * (1_000_000_000L / ticksPerSecond());
        } catch (IOException e) {
            return -1;
        }
    }

    private static long ticks;

    /** The kernel's clock ticks per second (USER_HZ), 100 on every Linux we know of. */
    static synchronized long ticksPerSecond() {
        if (ticks == 0) {
            Exec.Result r = Exec.run(List.of("getconf", "CLK_TCK"), Map.of(), java.time.Duration.ofSeconds(10));
            ticks = r.ok() && r.text().matches("\\d+") ? Long.parseLong(r.text()) : 100;
        }
        return ticks;
    }

    /** The engine's processes by name: dockerd, containerd, and the shims of the given containers (full ids). */
    public static Map<String, List<Integer>> engine(List<String> containerIds) {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        m.put("dockerd", new ArrayList<>());
        m.put("containerd", new ArrayList<>());
        m.put("shims", new ArrayList<>());
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.matches("\\d+")) continue;
                String comm;
                String cmdline;
                try {
                    comm = Files.readString(p.resolve("comm")).strip();
                    cmdline = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                } catch (IOException gone) {
                    continue;
                }
                int pid = Integer.parseInt(name);
                if (comm.equals("dockerd")) m.get("dockerd").add(pid);
                else if (comm.equals("containerd")) m.get("containerd").add(pid);
                else if (comm.startsWith("containerd-shim") && containerIds.stream().anyMatch(id -> cmdline.contains("-id " + id))) {
                    m.get("shims").add(pid);
                }
            }
        } catch (IOException e) {
            throw new LabFailure("cannot list /proc: " + e.getMessage());
        }
        return m;
    }

    /** Share of one core, in percent, of {@code nanos} CPU over a window of {@code windowNanos}. */
    public static double percent(long nanos, long windowNanos) {
        return windowNanos <= 0 ? 0 : 100.0 * nanos / windowNanos;
    }
}
