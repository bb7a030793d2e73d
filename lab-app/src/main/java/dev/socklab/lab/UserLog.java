package dev.socklab.lab;

import java.util.OptionalLong;

/**
 * A user's program's log under docker/lab-user: what the program printed, and how many of its processes the kernel
 * killed at the memory limit. lab-user reads that count from the container's memory cgroup once the program has
 * ended and says it on its own stderr ("lab-user: oom_kill N"), which the program cannot write to: the program's
 * stdout and stderr both go to the container's stdout.
 */
record UserLog(String printed, OptionalLong oomKills) {
    static final String OOM_KILL = "lab-user: oom_kill ";

    /** Reads a log: lab-user's count taken out of the program's text (a log's size is what the program printed). */
    static UserLog of(Docker.Output log) {
        StringBuilder kept = new StringBuilder(log.out());
        OptionalLong kills = OptionalLong.empty();
        String err = log.err();
        for (int at = 0; at < err.length(); ) {
            int end = err.indexOf('\n', at);
            end = end < 0 ? err.length() : end + 1;
            String line = err.substring(at, end);
            String count = line.startsWith(OOM_KILL) ? line.substring(OOM_KILL.length()).strip() : "";
            if (!count.isEmpty() && count.chars().allMatch(Character::isDigit) && count.length() < 10) {
                kills = OptionalLong.of(Long.parseLong(count));
            } else {
                kept.append(line);
            }
            at = end;
        }
        return new UserLog(kept.toString(), kills);
    }

    /**
     * Processes the memory limit killed: lab-user's count, else 1 when the engine says so. The engine's flag alone
     * misses a kill when it sees the container's exit before the OOM event (Docker 20.10).
     */
    long oomKills(boolean engineSaysKilled) {
        return Math.max(oomKills.orElse(0), engineSaysKilled ? 1 : 0);
    }
}
