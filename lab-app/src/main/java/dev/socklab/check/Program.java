package dev.socklab.check;

import java.util.Optional;

/**
 * One program of a run as the harness saw it.
 *
 * @param role    {@code server}, {@code client} or {@code client2}
 * @param user    true for the user's program, false for socklab's own
 * @param exit    its exit code; empty while it was still running when the run ended
 * @param hung    stopped by the harness at the timeout
 * @param output  what it printed (stdout and stderr)
 * @param sandbox its limits and what it did against them
 */
public record Program(String role, boolean user, String command, Optional<Integer> exit, boolean hung, String output,
                      Sandbox sandbox) {

    /** "your server (python3 server.py)" or "socklab's client". */
    public String describe() {
        return user ? "your " + role + " (" + command + ")" : "socklab's " + role;
    }

    /** The last lines of its output, for a report. */
    public String outputTail(int lines) {
        var all = output.strip().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
