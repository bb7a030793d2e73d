package dev.socklab.cli;

import dev.socklab.compare.CompareException;
import dev.socklab.compare.Comparison;
import dev.socklab.compare.ComparisonReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code compare}: TCP and UDP side by side, from the captures of the same payload sent both ways (./lab compare). */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        description = {"Compares one payload sent over TCP and over UDP, from the capture beside each server and the files they saved.",
                "Packets and bytes on the wire, overhead, setup and teardown, loss and reordering, bytes delivered intact, "
                        + "duration and goodput; writes report.md and report.json."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:both sides measured (and TCP delivered the file intact)", "1:TCP did not deliver the file intact, or the evidence is missing",
                "2:bad command line"})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sent", required = true, paramLabel = "FILE", description = "the payload both clients sent")
    Path sent;

    @Option(names = "--tcp-pcap", required = true, paramLabel = "FILE", description = "capture beside the TCP server")
    Path tcpPcap;

    @Option(names = "--tcp-received", required = true, paramLabel = "FILE", description = "the file the TCP server saved")
    Path tcpReceived;

    @Option(names = "--tcp-port", defaultValue = "" + dev.socklab.tcp.Defaults.PORT, converter = PortConverter.class,
            paramLabel = "PORT", description = "the TCP server's port (default: ${DEFAULT-VALUE})")
    int tcpPort;

    @Option(names = "--udp-pcap", required = true, paramLabel = "FILE", description = "capture beside the UDP server")
    Path udpPcap;

    @Option(names = "--udp-received", required = true, paramLabel = "FILE",
            description = "the file the UDP server saved (missing when the transfer was incomplete)")
    Path udpReceived;

    @Option(names = "--udp-port", defaultValue = "" + dev.socklab.udp.Defaults.PORT, converter = PortConverter.class,
            paramLabel = "PORT", description = "the UDP server's port (default: ${DEFAULT-VALUE})")
    int udpPort;

    @Option(names = "--loss", paramLabel = "PERCENT", description = "the router's random loss, for the report")
    Double loss;

    @Option(names = "--rate", paramLabel = "RATE", description = "the router's rate limit, for the report")
    String rate;

    @Option(names = "--tcp-client-exit", paramLabel = "CODE", description = "the TCP client's exit code")
    Integer tcpClientExit;

    @Option(names = "--udp-client-exit", paramLabel = "CODE", description = "the UDP client's exit code")
    Integer udpClientExit;

    @Option(names = "--out", paramLabel = "DIR", description = "where report.md and report.json go (default: beside the TCP capture)")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        Comparison comparison;
        try {
            comparison = Comparison.of(sent, new Comparison.Evidence(tcpPcap, tcpReceived, tcpPort),
                    new Comparison.Evidence(udpPcap, udpReceived, udpPort), loss, rate);
        } catch (CompareException e) {
            throw new LabException(e.getMessage());
        }
        ComparisonReport report = new ComparisonReport(comparison);
        Path dir = out != null ? out : tcpPcap.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        List<Path> written = report.write(dir);
        o.print(report.terminal());
        o.println();
        written.forEach(p -> o.println("written: " + p));
        int rc = 0;
        if (tcpClientExit != null && tcpClientExit != 0) {
            o.println("FAILED: the TCP client exited with code " + tcpClientExit);
            rc = 1;
        }
        if (udpClientExit != null && udpClientExit != 0) {
            o.println("FAILED: the UDP client exited with code " + udpClientExit);
            rc = 1;
        }
        if (!comparison.tcp().sha256Match()) {
            o.println("FAILED: TCP did not deliver the file intact");
            rc = 1;
        }
        return rc;
    }
}
