package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The plain-line parser of tcp-server and tcp-client against picocli, which stays the authority on every line. */
class ProgramTest {

    private static final List<Program> PROGRAMS = List.of(TcpServerCommand.PROGRAM, TcpClientCommand.PROGRAM);

    /** Tokens a line is made of: names, good and bad values, and what only picocli handles. */
    private static final List<String> TOKENS = List.of(
            "--port", "-p", "--port=9898", "--port=0", "--port=", "9898", "0", "70000", "http", "-1",
            "--out", "-o", "--out=/tmp/x", "/tmp/recv", ".", "--file", "-f", "sample.txt", "--file=a b.txt",
            "--protocol", "--protocol=raw", "auto", "RAW", "greeting", "ftp", "--raw", "--raw=true", "--lines",
            "--keep-each", "--stdin", "--greeting-pause", "300ms", "2s", "soon", "--idle-timeout", "--timeout",
            "--connect-timeout", "--max-bytes", "100M", "lots", "10.10.1.10", "server", "[fd00::10]",
            "-h", "--help", "-V", "--", "-", "@args", "--unknown", "-px", "");

    @Test
    void whereBothParseALineTheyReadTheSameValues() {
        Random random = new Random(20261203);
        int plain = 0;
        for (Program program : PROGRAMS) {
            for (int i = 0; i < 20_000; i++) {
                List<String> line = new ArrayList<>();
                int n = random.nextInt(7);
                for (int t = 0; t < n; t++) line.add(TOKENS.get(random.nextInt(TOKENS.size())));
                Map<String, Object> ours = program.parse(line);
                if (ours == null) continue;
                plain++;
                assertSameAsPicocli(program, line, ours);
            }
        }
        // A parser that declined every line would pass the loop above: it must take a good share of them.
        assertTrue(plain > 2_000, "plain lines taken: " + plain);
    }

    @Test
    void theLinesTheLabAndTheBenchesTypeArePlain() {
        for (List<String> line : List.of(
                List.of("--port", "9898", "--out", "/lab/recv", "--keep-each"),
                List.of("--port", "9941", "--out", "/tmp/startup-1/recv"),
                List.of("-p", "0", "-o", "out", "--protocol", "greeting", "--greeting-pause", "1s", "--max-bytes", "2G"))) {
            assertSameAsPicocli(TcpServerCommand.PROGRAM, line, TcpServerCommand.PROGRAM.parse(line));
        }
        for (List<String> line : List.of(
                List.of("server", "--port", "9898", "--file", "/lab/sample.txt"),
                List.of("127.0.0.1", "--port", "9941", "--file", "/tmp/one-kib.bin"),
                List.of("--raw", "fd00::10", "--timeout=5s", "--connect-timeout", "2s", "--stdin"))) {
            assertSameAsPicocli(TcpClientCommand.PROGRAM, line, TcpClientCommand.PROGRAM.parse(line));
        }
    }

    @Test
    void defaultsAreConvertedAsPicocliConvertsThem() {
        Map<String, Object> v = TcpServerCommand.PROGRAM.parse(List.of());
        assertNotNull(v);
        assertEquals(9898, v.get("--port"));
        assertEquals(Path.of("."), v.get("--out"));
        assertEquals(Duration.ofSeconds(30), v.get("--idle-timeout"));
        assertTrue(v.containsKey("--raw"));
        assertNull(v.get("--raw"));
        assertTrue(v.containsKey("--max-bytes"));
        assertNull(v.get("--max-bytes"));
    }

    @Test
    void whatOnlyPicocliExplainsIsLeftToIt() {
        Program server = TcpServerCommand.PROGRAM;
        for (List<String> line : List.of(List.of("--help"), List.of("-V"), List.of("--port", "9898", "--port", "9899"),
                List.of("--port"), List.of("--port", "http"), List.of("--out", "--port"), List.of("--raw=true"),
                List.of("extra"), List.of("--", "x"), List.of("@args"), List.of("-p9898"), List.of("--port="))) {
            assertNull(server.parse(line), "plain? " + line);
        }
        assertNull(TcpClientCommand.PROGRAM.parse(List.of("--port", "9898")), "the host is required: picocli says so");
        assertNull(TcpClientCommand.PROGRAM.parse(List.of("a", "b")), "one host only");
    }

    private static void assertSameAsPicocli(Program program, List<String> line, Map<String, Object> ours) {
        assertNotNull(ours, "not plain: " + line);
        CommandLine cli = new CommandLine(program.spec());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cli.parseArgs(line.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("plain for us, refused by picocli: " + line + ": " + e.getMessage());
        }
        for (Program.Param p : program.params()) {
            Object theirs = p.isPositional() ? cli.getCommandSpec().positionalParameters().get(0).getValue()
                    : cli.getCommandSpec().findOption(p.key()).getValue();
            assertEquals(theirs, ours.get(p.key()), p.key() + " in " + line);
        }
    }
}
