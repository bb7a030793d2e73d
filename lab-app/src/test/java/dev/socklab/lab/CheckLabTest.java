package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check lab's sandbox as the model states it, and what ./lab check refuses before it starts anything. */
class CheckLabTest {
    @TempDir
    Path tmp;

    @Test
    void everyUserProgramIsSandboxedAndSeesOnlyItsOwnFolderAndTheCode() {
        LabFile check = Labs.check();
        List<Service> programs = check.services().stream().filter(s -> s.kind() == Kind.USER).toList();
        assertEquals(List.of("server", "client", "client2"), programs.stream().map(Service::name).toList());
        for (Service s : programs) {
            assertEquals(List.of(Labs.files(s.name()) + ":/files", "${CHECK_CODE:-../captures/empty}:/code:ro"), s.extra.get("volumes"),
                    s.name() + ": no other folder (the kind mounts none either)");
            assertTrue(s.networkMode().equals("service:capture") || s.networkMode().equals("service:client-host"), s.name());
            assertTrue(check.service(s.networkMode().substring("service:".length())).command.contains("--fence"),
                    s.name() + "'s host fences its namespace");
        }
        Map<String, Object> user = Kind.USER.keys("..", false);
        assertEquals(Labs.USER_PIDS, user.get("pids_limit"));
        assertEquals(List.of("ALL"), user.get("cap_drop"));
        assertEquals(List.of("no-new-privileges:true"), user.get("security_opt"));
        assertTrue(!user.containsKey("volumes"), "the kind mounts nothing: compose's extends would add it to every program");
        assertEquals(List.of("server-files", "client-files", "client2-files"), check.volumes());
        assertTrue(check.render().contains("type: tmpfs"), check.render());
    }

    @Test
    void badOptionsAreRefusedInOneLine() throws IOException {
        Path file = Files.writeString(tmp.resolve("sample.txt"), "hello\n");
        Duration t = Duration.ofSeconds(20);
        assertEquals("check needs --server CMD, --client CMD or both",
                refused(() -> new CheckRun.Options(null, List.of(), tmp, false, file, t, "recv.txt")));
        assertEquals("too many --client commands (TCP: one; --udp: two, c1 and c2)",
                refused(() -> new CheckRun.Options(null, List.of("a", "b"), tmp, false, file, t, "recv.txt")));
        assertEquals("--timeout: whole seconds from 1 to 600, e.g. 20s",
                refused(() -> new CheckRun.Options("s", List.of(), tmp, false, file, Duration.ofMillis(1500), "recv.txt")));
        assertEquals("--received: a plain file name, like recv.txt",
                refused(() -> new CheckRun.Options("s", List.of(), tmp, false, file, t, "../x")));
        assertEquals("no such folder: " + tmp.resolve("nope"),
                refused(() -> new CheckRun.Options("s", List.of(), tmp.resolve("nope"), false, file, t, "recv.txt")));
        assertEquals("no such readable file: " + tmp.resolve("none.txt"),
                refused(() -> new CheckRun.Options("s", List.of(), tmp, false, tmp.resolve("none.txt"), t, "recv.txt")));
        assertEquals("--protocol is for TCP; the UDP exercise has no greeting",
                refused(() -> new CheckRun.Options("s", List.of(), tmp, true, file, t, "recv.txt", dev.socklab.tcp.Form.RAW)));
        new CheckRun.Options(null, List.of("c1", "c2"), tmp, true, file, t, "recv.txt");   // --udp takes two clients
    }

    @Test
    void theSandboxGrowsWithALargeFile() throws IOException {
        Path small = Files.writeString(tmp.resolve("small.txt"), "x");
        Map<String, String> v = CheckRun.variables(new CheckRun.Options("s", List.of(), tmp, false, small, Duration.ofSeconds(5), "recv.txt"), tmp);
        assertEquals(Labs.USER_DISK_MIB + "m", v.get("CHECK_DISK"));
        assertEquals((Labs.USER_MEMORY_MIB + Labs.USER_DISK_MIB) + "m", v.get("CHECK_MEMORY"));
        Path large = tmp.resolve("large.bin");
        try (var f = new java.io.RandomAccessFile(large.toFile(), "rw")) {
            f.setLength(100L << 20);   // sparse: 100 MiB to the file size, nothing on disk
        }
        v = CheckRun.variables(new CheckRun.Options("s", List.of(), tmp, false, large, Duration.ofSeconds(5), "recv.txt"), tmp);
        assertEquals("216m", v.get("CHECK_DISK"), "twice the file, and room to spare");
    }

    private static String refused(Runnable r) {
        return assertThrows(LabFailure.class, r::run).getMessage();
    }
}
