package dev.socklab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.FileUtils;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/** The UDP server host: `udp-server` on server-net, printing who sent what (or echoing), and collecting files. */
public final class UdpServerContainer extends GenericContainer<UdpServerContainer> {
    static final int PORT = 12000;
    private static final Pattern DATAGRAM = Pattern.compile("(?m)^(\\S+):(\\d+) -> (.*)$");
    private static final Pattern TRANSFER = Pattern.compile(
            "received (\\d+) of (\\d+), lost (\\d+), duplicated (\\d+), out of order (\\d+)");

    static final String FILES_DIR = "/lab/received";

    private final Network serverNet;
    private final Path hostFilesDir;
    private String mode = "print";

    UdpServerContainer(Network serverNet, RouterContainer router, Subnet clientNet) {
        super(LabImages.server());
        this.serverNet = serverNet;
        withNetwork(serverNet);
        router.routeFromServerNet(this, clientNet);
        LockedDown.apply(this);
        hostFilesDir = LockedDown.outputFolder(this, FILES_DIR);
        waitingFor(Wait.forLogMessage(".*UDP server is listening on port : " + PORT + ".*", 1));
    }

    /** print (the default), echo or upper: what the server does with each datagram. */
    public UdpServerContainer withMode(String mode) {
        this.mode = mode;
        return this;
    }

    @Override
    protected void configure() {
        withCommand("udp-server", "--port", String.valueOf(PORT), "--mode", mode, "--receive-file", FILES_DIR);
    }

    public String address() {
        return Engine.addressOn(getContainerId(), serverNet);
    }

    /** Every datagram the server printed, in the order it received them. */
    public List<Datagram> received() {
        Matcher m = DATAGRAM.matcher(getLogs());
        return m.results().map(r -> new Datagram(r.group(1), Integer.parseInt(r.group(2)), r.group(3))).toList();
    }

    /** The file the server saved from udp-client --file; empty when the transfer was incomplete and nothing was saved. */
    public Optional<byte[]> receivedFile() throws IOException {
        Path file = hostFilesDir.resolve("udp-recv.bin");
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    @Override
    public void stop() {
        super.stop();
        FileUtils.deleteQuietly(hostFilesDir.toFile());
    }

    /** The server's reports of file transfers so far, oldest first: one per transfer, once END arrived or it went idle. */
    public List<TransferReport> transferReports() {
        return TRANSFER.matcher(getLogs()).results()
                .map(r -> new TransferReport(Integer.parseInt(r.group(1)), Integer.parseInt(r.group(2)),
                        Integer.parseInt(r.group(3)), Integer.parseInt(r.group(4)), Integer.parseInt(r.group(5))))
                .toList();
    }

    /** What the server said of a file transfer: "received R of T, lost L, duplicated D, out of order O". */
    public record TransferReport(int received, int total, int lost, int duplicated, int outOfOrder) {
    }

    /** One printed line: sender address and port, and the payload as text. */
    public record Datagram(String address, int port, String text) {
    }
}
