package dev.socklab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/** The server host: `tcp-server` on server-net, routing to client-net through the router. */
public final class ServerContainer extends GenericContainer<ServerContainer> {
    static final int PORT = 9898;
    static final String OUT_DIR = "/lab/received";
    private static final String LISTENING = "Server is listening on port : " + PORT;

    private final Network serverNet;
    private final Path hostOutDir;
    private final List<String> options = new ArrayList<>();
    private boolean raw;

    ServerContainer(Network serverNet, RouterContainer router, Subnet clientNet) {
        super(LabImages.server());
        this.serverNet = serverNet;
        withNetwork(serverNet);
        router.routeFromServerNet(this, clientNet);
        LockedDown.apply(this);
        hostOutDir = LockedDown.outputFolder(this, OUT_DIR);
        waitingFor(Wait.forLogMessage(".*" + LISTENING + ".*", 1));
    }

    /** Raw mode: no greeting, no confirmation, just bytes until EOF. */
    public ServerContainer withRaw() {
        this.raw = true;
        return this;
    }

    /** Drops a client silent for this long (the server's --idle-timeout). */
    public ServerContainer withIdleTimeout(Duration idle) {
        options.addAll(List.of("--idle-timeout", idle.toMillis() + "ms"));
        return this;
    }

    /** The output folder on a disk of this size (a tmpfs, e.g. "1m") instead of the host folder: a disk that fills up. */
    public ServerContainer withDiskOfSize(String size) {
        setBinds(new ArrayList<>());
        withTmpFs(Map.of("/tmp", "rw,size=64m", OUT_DIR, "rw,size=" + size));
        return this;
    }

    @Override
    protected void configure() {
        List<String> cmd = new ArrayList<>(List.of("tcp-server", "--port", String.valueOf(PORT), "--out", OUT_DIR));
        if (raw) cmd.add("--raw");
        cmd.addAll(options);
        withCommand(cmd.toArray(String[]::new));
    }

    public String address() {
        return Engine.addressOn(getContainerId(), serverNet);
    }

    public int port() {
        return PORT;
    }

    /** The bytes of recv.txt as the server saved it. */
    public byte[] received() throws IOException {
        return Files.readAllBytes(hostOutDir.resolve("recv.txt"));
    }

    /** Names in the server's output folder (recv.txt, and any temp file a broken transfer left). */
    public List<String> outputFolder() throws Exception {
        String listing = execInContainer("ls", "-A", OUT_DIR).getStdout().strip();
        return listing.isEmpty() ? List.of() : List.of(listing.split("\n"));
    }

    /** The output folder as the host sees it (usable while the server is down). */
    public Path hostOutputFolder() {
        return hostOutDir;
    }

    /** Restarts the same container (its files and address kept), as after a crash, and waits until it listens again. */
    public void restart(Duration timeout) throws InterruptedException {
        int before = listenedCount();
        Engine.client().startContainerCmd(getContainerId()).exec();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (listenedCount() <= before) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the server did not listen again:\n" + getLogs());
            Thread.sleep(100);
        }
    }

    private int listenedCount() {
        return getLogs().split(java.util.regex.Pattern.quote(LISTENING), -1).length - 1;
    }

    /** The privileges of the server program (PID 1: lab-host execs into it). */
    public ProcessPrivileges programPrivileges() throws Exception {
        return ProcessPrivileges.of(this, 1);
    }

    @Override
    public void stop() {
        super.stop();
        FileUtils.deleteQuietly(hostOutDir.toFile());
    }
}
