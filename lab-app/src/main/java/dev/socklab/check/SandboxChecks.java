package dev.socklab.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a program stayed inside the sandbox ./lab check runs it in: a fork bomb, a memory hog, a disk
 * filler, an endless printer and a program that reaches for the Docker host are each named as such.
 */
final class SandboxChecks {
    private static final int SIGPIPE_EXIT = 128 + 13;

    private SandboxChecks() {
    }

    static List<Check> of(RunRecord run) {
        List<Check> checks = new ArrayList<>();
        for (Program p : run.programs()) {
            Sandbox s = p.sandbox();
            if (!s.sandboxed()) continue;
            List<String> found = findings(p, s);
            String id = p.role() + "-sandbox";
            String title = p.role() + " stays within the sandbox";
            if (found.isEmpty()) {
                if (p.user()) {
                    checks.add(Check.pass(id, title, "at most " + s.pidsLimit() + " processes, " + mib(s.memoryLimit())
                            + " of memory, " + mib(s.diskLimit()) + " of files, " + mib(s.outputLimit())
                            + " of output, the lab's hosts only: none reached"));
                }
                continue;
            }
            checks.add(new Check(id, title, p.user() ? Verdict.FAIL : Verdict.INFO, String.join("; ", found), List.of()));
        }
        return checks;
    }

    private static List<String> findings(Program p, Sandbox s) {
        List<String> found = new ArrayList<>();
        if (s.atPidsLimit()) {
            found.add("fork bomb: " + s.processes() + " processes at the end of the run, at the limit of " + s.pidsLimit()
                    + " (fork() fails there)");
        }
        if (s.oomKills() > 0) {
            found.add("memory hog: the kernel killed " + (s.oomKills() == 1 ? "a process" : s.oomKills() + " processes")
                    + " of it at its memory limit of " + mib(s.memoryLimit()));
        }
        if (s.diskFull()) {
            found.add("disk filler: its folder is full, " + mib(s.diskUsed()) + " of " + mib(s.diskLimit()));
        }
        // 141: SIGPIPE, what stops a program once its output is cut (Docker's log may keep less than it printed).
        if (s.outputCut() || p.exit().equals(java.util.Optional.of(SIGPIPE_EXIT))) {
            found.add("endless printer: it printed more than " + mib(s.outputLimit()) + "; its output was cut there and it was stopped");
        }
        if (s.blockedPackets() > 0) {
            found.add("tried to leave the lab: " + s.blockedPackets() + " packet" + (s.blockedPackets() == 1 ? "" : "s")
                    + " from its host towards the Docker host or the outside were dropped");
        }
        return found;
    }

    static String mib(long bytes) {
        return bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB" : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
