package dev.socklab.lab;

import com.github.dockerjava.api.model.Capability;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** The tcpdump sidecar: shares the server's network namespace and writes a pcap of its eth0. */
public final class CaptureContainer extends GenericContainer<CaptureContainer> {
    private static final Pattern FILE_LINE = Pattern.compile("capture file: (\\S+)");
    private static final Pattern DROPPED = Pattern.compile("(\\d+) packets? dropped by kernel");
    private String[] dropRule;

    CaptureContainer(GenericContainer<?> server) {
        super(LabImages.capture());
        withNetworkMode("container:" + server.getContainerId());
        withEnv("CAPTURE_DIR", "/captures");
        withCommand("lab-capture");
        withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN, Capability.NET_RAW));
        // tcpdump prints "listening on eth0" once the capture is active: nothing after it is missed.
        waitingFor(Wait.forLogMessage(".*listening on eth0.*", 1));
    }

    /**
     * Drops every {@code nth} TCP segment carrying data to the server's {@code port}, after tcpdump has
     * seen them (iptables INPUT, in the namespace this sidecar shares with the server): the capture
     * holds each lost segment and then its retransmission. Dropping on the sending side would show
     * nothing, since a sender's TCP resends at once a packet its own host refused to send. The rule
     * belongs to the server's namespace: {@link #stopDropping} removes it before the capture stops.
     */
    public CaptureContainer dropArriving(int port, int nth) {
        exec(dropRule("-A", port, nth));
        this.dropRule = dropRule("-D", port, nth);
        return this;
    }

    /** Removes the rule {@link #dropArriving} added. */
    public CaptureContainer stopDropping() {
        if (dropRule != null) exec(dropRule);
        dropRule = null;
        return this;
    }

    /**
     * Data segments only (longer than any bare header) and every nth, not a random share: a test of a short
     * transfer must not depend on luck for a drop that forces a retransmission.
     */
    private static String[] dropRule(String action, int port, int nth) {
        return new String[] {"iptables", action, "INPUT", "-p", "tcp", "--dport", String.valueOf(port),
                "-m", "length", "--length", "200:65535", "-m", "statistic", "--mode", "nth", "--every", String.valueOf(nth),
                "--packet", "0", "-j", "DROP"};
    }

    /** How many packets {@link #dropArriving} has dropped so far. */
    public long droppedArriving() {
        String table = exec("iptables", "-L", "INPUT", "-v", "-n", "-x");
        return table.lines().filter(l -> l.contains("DROP")).mapToLong(l -> Long.parseLong(l.trim().split("\\s+")[0])).sum();
    }

    private String exec(String... command) {
        try {
            ExecResult r = execInContainer(command);
            if (r.getExitCode() != 0) throw new IllegalStateException(String.join(" ", command) + ": " + r.getStderr());
            return r.getStdout();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops tcpdump as Ctrl-C would (SIGINT), waits for it to finish the file, and copies it into dir.
     * Every capture is also read by tshark, which must agree with our analyzer ({@link WiresharkAgreement}).
     */
    public Path stopAndCopyPcap(Path dir) {
        Matcher m = FILE_LINE.matcher(getLogs());
        if (!m.find()) throw new IllegalStateException("the capture never named its file:\n" + getLogs());
        String inContainer = m.group(1);
        long status = Engine.signalAndWait(getContainerId(), "SIGINT", 30);
        if (status != 0) throw new IllegalStateException("tcpdump exited with " + status + ":\n" + getLogs());
        // A capture that lost packets would make every count below wrong: say so, not "bytes missing".
        Matcher dropped = DROPPED.matcher(getLogs());
        if (!dropped.find() || !dropped.group(1).equals("0")) {
            throw new IllegalStateException("tcpdump did not capture every packet:\n" + getLogs());
        }
        Path local = dir.resolve(Path.of(inContainer).getFileName().toString());
        copyFileFromContainer(inContainer, local.toString());
        try {
            WiresharkAgreement.assertAgrees(local);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while tshark read " + local, e);
        }
        return local;
    }
}
