package dev.socklab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.properties as ./lab check writes it (RunRecord.Writer) and the grader reads it, sandbox findings included. */
class SandboxChecksTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void whatTheWriterWritesTheReaderReads() throws IOException {
        RunRecord r = record(new Sandbox(2, 3, 128, 256 * MIB, 66, MIB, 4096, 64 * MIB, 0), OptionalInt.of(0));
        assertEquals("tcp", r.protocol());
        assertEquals(9898, r.port());
        assertEquals(7, r.timeoutSeconds());
        assertEquals(dir.resolve("server/recv.txt"), r.received());
        assertTrue(r.serverListening());
        assertEquals(java.util.Optional.of(true), r.serverClosed());
        assertEquals(OptionalInt.of(2), r.droppedPackets());
        assertEquals("10.200.2.50", r.addressOf("client"));
        Program server = r.server();
        assertTrue(server.user());
        assertEquals("python3 server.py", server.command());
        assertEquals(java.util.Optional.of(0), server.exit());
        assertEquals(new Sandbox(2, 3, 128, 256 * MIB, 66, MIB, 4096, 64 * MIB, 0), server.sandbox());
        assertFalse(r.clients().get(0).user());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList(), "written whole, no temp file left");
        }
    }

    @Test
    void aWellBehavedProgramPasses() throws IOException {
        Check c = check(record(new Sandbox(0, 3, 128, 256 * MIB, 66, MIB, 4096, 64 * MIB, 0), OptionalInt.of(0)));
        assertEquals(Verdict.PASS, c.verdict(), c.detail());
    }

    @Test
    void eachKindOfHostileProgramIsNamed() throws IOException {
        assertFinding(new Sandbox(0, 127, 128, 256 * MIB, 0, MIB, 4096, 64 * MIB, 0), OptionalInt.empty(), "fork bomb: 127 processes");
        assertFinding(new Sandbox(1, 0, 128, 256 * MIB, 0, MIB, 4096, 64 * MIB, 0), OptionalInt.of(137),
                "memory hog: the kernel killed a process of it at its memory limit of 256 MiB");
        assertFinding(new Sandbox(2, 1, 128, 256 * MIB, 0, MIB, 4096, 64 * MIB, 0), OptionalInt.of(0),
                "memory hog: the kernel killed 2 processes of it at its memory limit of 256 MiB");
        assertFinding(new Sandbox(0, 2, 128, 256 * MIB, 0, MIB, 64 * MIB - 4096, 64 * MIB, 0), OptionalInt.empty(), "disk filler");
        assertFinding(new Sandbox(0, 0, 128, 256 * MIB, MIB, MIB, 4096, 64 * MIB, 0), OptionalInt.of(141), "endless printer");
        assertFinding(new Sandbox(0, 0, 128, 256 * MIB, 900_000, MIB, 4096, 64 * MIB, 0), OptionalInt.of(141),
                "endless printer");   // short lines: Docker's log kept less than was printed, the exit code tells
        assertFinding(new Sandbox(0, 2, 128, 256 * MIB, 10, MIB, 4096, 64 * MIB, 3), OptionalInt.of(0),
                "tried to leave the lab: 3 packets");
    }

    @Test
    void aRunFromBeforeTheSandboxHasNoSandboxCheck() throws IOException {
        RunRecord r = record(Sandbox.NONE, OptionalInt.of(0));
        assertTrue(SandboxChecks.of(r).isEmpty());
    }

    private void assertFinding(Sandbox s, OptionalInt exit, String finding) throws IOException {
        Check c = check(record(s, exit));
        assertEquals(Verdict.FAIL, c.verdict(), c.detail());
        assertTrue(c.detail().startsWith(finding), c.detail());
    }

    private static Check check(RunRecord r) {
        return SandboxChecks.of(r).stream().filter(c -> c.id().equals("server-sandbox")).findFirst().orElseThrow();
    }

    /** A run folder from before the count said only whether the engine saw a kill: that reads as one. */
    @Test
    void aFolderFromBeforeTheCountReadsAsOneKill() throws IOException {
        record(new Sandbox(0, 1, 128, 256 * MIB, 0, MIB, 4096, 64 * MIB, 0), OptionalInt.of(137));
        Path props = dir.resolve("run.properties");
        Files.writeString(props, Files.readString(props).replace("server.oom-kills=0", "server.oom-killed=yes")
                .replace("client.oom-kills=0", "client.oom-killed=no"));
        RunRecord old = RunRecord.read(dir);
        assertEquals(1, old.server().sandbox().oomKills());
        assertEquals(0, old.clients().get(0).sandbox().oomKills());
    }

    private RunRecord record(Sandbox server, OptionalInt exit) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/pcap/tcp-ethernet.pcap")) {
            Files.copy(in, dir.resolve("tcp-ethernet.pcap"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        new RunRecord.Writer("tcp", 9898, 7, "server/recv.txt", "client/sample.txt", "10.200.1.30")
                .program("server", "10.200.1.30", true, "python3 server.py")
                .program("client", "10.200.2.50", false, "lab-host tcp-client 10.200.1.30 --raw")
                .serverListening(true).ended("client", OptionalInt.of(0), false).serverClosed(true).listeningAfter(false)
                .ended("server", exit, false).droppedPackets(OptionalInt.of(2)).pcap("tcp-ethernet.pcap")
                .sandbox("server", server).sandbox("client", new Sandbox(0, 0, 128, 256 * MIB, 10, MIB, 4096, 64 * MIB, 0))
                .write(dir);
        return RunRecord.read(dir);
    }
}
