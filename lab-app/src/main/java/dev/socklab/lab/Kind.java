package dev.socklab.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What services of one sort share, as containerlab's kinds: the image and its settings. A compose
 * file states each kind once (a YAML anchor) and its services start from it.
 */
public enum Kind {
    /** lab-app's servers and the user's server programs: no capabilities beyond a route, read-only root. */
    SERVER_HOST("server-host", "server", "lab-app's servers, unprivileged, read-only root"),
    /** lab-app's clients. */
    CLIENT_HOST("client-host", "client", "lab-app's clients: send the file mounted at /lab/sample.txt"),
    /** tcpdump in another container's network namespace (or owning one: a host that only captures). */
    CAPTURE("capture", "capture", "tcpdump into the run folder: <name>-<time>.pcap"),
    /** Forwards between networks; applies impairment and NAT. */
    ROUTER("router", "capture", "forwards between the networks it sits on"),
    /** A one-shot that exits once its host is ready: the client starts after it, and nothing polls afterwards. */
    READY("ready", "capture", "one-shot waiter: exits once its host is ready, so nothing polls afterwards"),
    /** A user's program (./lab check), untrusted: in a host's namespace with limits on everything it can use. */
    USER("user", "server", "your programs (./lab check), sandboxed: limits in Labs, CHECK_* set by lab-app");

    public final String anchor;
    /** Which image: socklab/server, socklab/client or socklab/capture. */
    public final String image;
    public final String comment;

    Kind(String anchor, String image, String comment) {
        this.anchor = anchor;
        this.image = image;
        this.comment = comment;
    }

    /** The keys every service of this kind has, in the order they are written. */
    Map<String, Object> keys(String root, boolean build) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", "socklab/" + image + ":${SOCKLAB_TAG:-latest}");
        if (build) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("context", root);
            b.put("dockerfile", "Dockerfile." + image);
            b.put("args", Yaml.map("BASE_IMAGE", "${BASE_IMAGE:-debian:trixie-slim}"));
            m.put("build", b);
        }
        String captures = root + "/captures:/captures";
        switch (this) {
            case SERVER_HOST -> {
                m.put("read_only", true);
                m.put("tmpfs", List.of("/tmp"));
                m.put("volumes", List.of(captures));
            }
            case CLIENT_HOST -> {
                m.put("read_only", true);
                m.put("tmpfs", List.of("/tmp"));
                m.put("volumes", List.of("${LAB_FILE:-" + root + "/sample.txt}:/lab/sample.txt:ro"));
            }
            case CAPTURE -> {
                m.put("cap_add", List.of("NET_ADMIN", "NET_RAW"));
                // LAB_WIRE (./lab up sets it): the lab's whole life recorded there, bounded, instead of one pcap per run
                m.put("environment", Yaml.map("CAPTURE_DIR", "/captures/${RUN_ID:-manual}", "SNAPLEN", "${SNAPLEN:-262144}",
                        "WIRE_DIR", "${LAB_WIRE:-}"));
                m.put("volumes", List.of(captures));
            }
            case ROUTER -> {
                m.put("cap_add", List.of("NET_ADMIN"));
                m.put("sysctls", Yaml.map("net.ipv4.ip_forward", "1"));
                m.put("command", List.of("lab-router"));
            }
            case READY -> m.put("entrypoint", List.of("lab-ready"));
            case USER -> {
                m.put("entrypoint", List.of("lab-user"));
                m.put("working_dir", "/files");
                m.put("read_only", true);
                m.put("tmpfs", List.of("/tmp:size=" + Labs.USER_TMP_MIB + "m"));
                m.put("shm_size", Labs.USER_TMP_MIB + "m");
                // Root only to link /code's files in, drop to the folder's owner (setpriv) and, on docker stop, end every
                // process of the program (KILL: they belong to that owner) and say how many the memory limit killed.
                m.put("cap_drop", List.of("ALL"));
                m.put("cap_add", List.of("CHOWN", "DAC_OVERRIDE", "SETUID", "SETGID", "SETPCAP", "KILL"));
                m.put("security_opt", List.of("no-new-privileges:true"));
                m.put("pids_limit", Labs.USER_PIDS);
                m.put("mem_limit", "${CHECK_MEMORY:-" + Labs.USER_MEMORY_MIB + "m}");
                m.put("memswap_limit", "${CHECK_MEMORY:-" + Labs.USER_MEMORY_MIB + "m}");
                m.put("cpus", Labs.USER_CPUS);
                m.put("logging", Yaml.map("options", Yaml.map("max-size", "2m", "max-file", "1")));
                m.put("environment", Yaml.map("PYTHONUNBUFFERED", "1", "LAB_OUTPUT_LIMIT", String.valueOf(Labs.USER_OUTPUT_BYTES),
                        "LAB_RECEIVED", "${LAB_RECEIVED:-recv.txt}"));
            }
        }
        return m;
    }
}
