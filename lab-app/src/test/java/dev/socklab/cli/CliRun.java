package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One run of the command line through {@link Main#execute}, with what it printed on stdout and stderr. */
record CliRun(int exit, List<String> out, List<String> err) {

    /** The single line on stderr: every failure must be exactly one. */
    String errLine() {
        assertEquals(1, err.size(), "exactly one line on stderr, got " + err);
        return err.get(0);
    }

    /** System.out/err are process-wide, so runs are serialised. */
    static synchronized CliRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.execute(args);
            return new CliRun(exit, out.toString(StandardCharsets.UTF_8).lines().toList(),
                    err.toString(StandardCharsets.UTF_8).lines().toList());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
