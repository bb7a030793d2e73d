package dev.socklab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds a class-data-sharing archive for lab-app.jar: the classes tcp-server and tcp-client load, parsed,
 * verified and laid out once, so each start maps them instead (docs/performance.md, start-up). Two steps, each a
 * child JVM of the same runtime: a training run of a server and two clients in one process
 * ({@code -XX:DumpLoadedClassList}), then {@code -Xshare:dump}. The archive only works for this runtime and this
 * jar at this very path; use it with {@code -XX:SharedArchiveFile=ARCHIVE}.
 */
public final class CdsTraining {
    private CdsTraining() {}

    /** Writes the archive (atomically: a temp file renamed into place). */
    public static void build(Path archive, Consumer<String> log) throws IOException, InterruptedException {
        String java = Child.java();
        Path jar = Child.jar().toAbsolutePath();
        Path target = archive.toAbsolutePath();
        Path work = Files.createTempDirectory("socklab-cds-");
        try {
            Path list = work.resolve("lab-app.classlist");
            log.accept("training run (tcp-server and tcp-client in one JVM)...");
            Child.start("training run", List.of(java, "-XX:DumpLoadedClassList=" + list, "-cp", jar.toString(),
                    Exercise.class.getName(), work.toString()), work).awaitExit(300);
            Path temp = target.resolveSibling("." + target.getFileName() + ".part");
            log.accept("dumping the archive...");
            Child.start("-Xshare:dump", List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                    "-XX:SharedArchiveFile=" + temp, "-cp", jar.toString()), work).awaitExit(300);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.accept("wrote " + target + " (" + Files.size(target) / 1024 + " KiB); use: java -XX:SharedArchiveFile="
                    + target + " -jar " + jar + " ...");
        } finally {
            StartupBench.deleteTree(work);
        }
    }

    /**
     * The training workload, run in the child JVM: the real command line (so picocli's models and our classes
     * are what a user's start loads), one server, one small and one big (pipelined) upload.
     */
    public static final class Exercise {
        private Exercise() {}

        public static void main(String[] args) throws Exception {
            Path work = Path.of(args[0]);
            Path small = work.resolve("small.bin");
            Path big = work.resolve("big.bin");
            LoopbackBench.writeRandom(small, 1024);
            LoopbackBench.writeRandom(big, 16L << 20);
            int port;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            String p = Integer.toString(port);
            Thread server = Thread.ofPlatform().daemon(true).start(() ->
                    dev.socklab.cli.Main.execute("tcp-server", "--port", p, "--out", work.resolve("recv").toString()));
            int rc = 1;
            for (int attempt = 0; attempt < 100 && rc != 0; attempt++) {
                Thread.sleep(50);
                rc = dev.socklab.cli.Main.execute("tcp-client", "127.0.0.1", "--port", p, "--file", small.toString());
            }
            if (rc == 0) rc = dev.socklab.cli.Main.execute("tcp-client", "127.0.0.1", "--port", p, "--file", big.toString());
            // The server's shutdown hook runs on exit, as on a user's Ctrl-C.
            System.exit(rc == 0 && server.isAlive() ? 0 : 1);
        }
    }
}
