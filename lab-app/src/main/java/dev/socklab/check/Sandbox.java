package dev.socklab.check;

/**
 * What the sandbox of {@code ./lab check} saw of one program: the limits it ran under and how close it
 * came to each. Zero limits mean the run was not sandboxed (a folder from before the sandbox).
 *
 * @param oomKills       processes of it the kernel killed at its memory limit (its memory cgroup's count; 1 when
 *                       only the engine said so)
 * @param processes      processes it had at the end of the run (a fork bomb sits at the pids limit)
 * @param pidsLimit      processes and threads it may have
 * @param memoryLimit    bytes of memory it may use
 * @param outputBytes    bytes it printed, as far as the harness passed them on
 * @param outputLimit    bytes of output passed on: the program is stopped once it has printed more
 * @param diskUsed       bytes in its run folder at the end
 * @param diskLimit      the size of its run folder
 * @param blockedPackets packets its host sent towards addresses outside the lab (the Docker host, DNS), dropped
 */
public record Sandbox(long oomKills, long processes, long pidsLimit, long memoryLimit, long outputBytes, long outputLimit,
                      long diskUsed, long diskLimit, long blockedPackets) {

    public static final Sandbox NONE = new Sandbox(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public boolean sandboxed() {
        return pidsLimit > 0;
    }

    /** A fork bomb: within a few of the pids limit at the end (fork fails there, and it keeps trying). */
    public boolean atPidsLimit() {
        return pidsLimit > 0 && processes >= pidsLimit - 8;
    }

    public boolean outputCut() {
        return outputLimit > 0 && outputBytes >= outputLimit;
    }

    /** Within 1 MiB of the run folder's size: what a program that fills the disk leaves. */
    public boolean diskFull() {
        return diskLimit > 0 && diskUsed >= diskLimit - (1 << 20);
    }
}
