package dev.socklab.lab;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.ContainerState;

/** What the kernel says a process in a container may do: its user ids, capability sets and no_new_privs. */
record ProcessPrivileges(String uids, String gids, long effective, long permitted, long inheritable, long bounding,
                         long ambient, boolean noNewPrivs, String command) {

    /** Reads /proc/PID/status (and the command line) of a process in a running container. */
    static ProcessPrivileges of(ContainerState container, int pid) throws Exception {
        String status = container.execInContainer("cat", "/proc/" + pid + "/status").getStdout();
        String cmdline = container.execInContainer("sh", "-c", "tr '\\0' ' ' < /proc/" + pid + "/cmdline").getStdout().strip();
        return new ProcessPrivileges(field(status, "Uid"), field(status, "Gid"), hex(status, "CapEff"), hex(status, "CapPrm"),
                hex(status, "CapInh"), hex(status, "CapBnd"), hex(status, "CapAmb"), field(status, "NoNewPrivs").equals("1"),
                cmdline);
    }

    /** No user id (real, effective, saved, filesystem) is 0. */
    boolean unprivilegedUser() {
        for (String id : uids.split("\\s+")) if (id.equals("0")) return false;
        return true;
    }

    /** Every capability set is empty, the bounding set too: nothing can be regained, even by exec. */
    boolean noCapabilities() {
        return effective == 0 && permitted == 0 && inheritable == 0 && bounding == 0 && ambient == 0;
    }

    private static String field(String status, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":\\s*(.*)$").matcher(status);
        if (!m.find()) throw new IllegalStateException("no " + name + " in /proc status:\n" + status);
        return m.group(1).strip();
    }

    private static long hex(String status, String name) {
        return Long.parseUnsignedLong(field(status, name), 16);
    }
}
