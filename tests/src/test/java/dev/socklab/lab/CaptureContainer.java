package dev.socklab.lab;

import com.github.dockerjava.api.model.Capability;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** The tcpdump sidecar: shares the server's network namespace and writes a pcap of its eth0. */
public final class CaptureContainer extends GenericContainer<CaptureContainer> {
    private static final Pattern FILE_LINE = Pattern.compile("capture file: (\\S+)");
    private static final Pattern DROPPED = Pattern.compile("(\\d+) packets? dropped by kernel");

    CaptureContainer(GenericContainer<?> server) {
        super(LabImages.capture());
        withNetworkMode("container:" + server.getContainerId());
        withEnv("CAPTURE_DIR", "/captures");
        withCommand("lab-capture");
        withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN, Capability.NET_RAW));
        // tcpdump prints "listening on eth0" once the capture is active: nothing after it is missed.
        waitingFor(Wait.forLogMessage(".*listening on eth0.*", 1));
    }

    /** Stops tcpdump as Ctrl-C would (SIGINT), waits for it to finish the file, and copies it into dir. */
    public Path stopAndCopyPcap(Path dir) {
        Matcher m = FILE_LINE.matcher(getLogs());
        if (!m.find()) throw new IllegalStateException("the capture never named its file:\n" + getLogs());
        String inContainer = m.group(1);
        long status = Docker.signalAndWait(getContainerId(), "SIGINT", 30);
        if (status != 0) throw new IllegalStateException("tcpdump exited with " + status + ":\n" + getLogs());
        // A capture that lost packets would make every count below wrong: say so, not "bytes missing".
        Matcher dropped = DROPPED.matcher(getLogs());
        if (!dropped.find() || !dropped.group(1).equals("0")) {
            throw new IllegalStateException("tcpdump did not capture every packet:\n" + getLogs());
        }
        Path local = dir.resolve(Path.of(inContainer).getFileName().toString());
        copyFileFromContainer(inContainer, local.toString());
        return local;
    }
}
