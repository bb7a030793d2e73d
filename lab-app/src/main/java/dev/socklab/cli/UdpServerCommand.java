package dev.socklab.cli;

import dev.socklab.udp.Defaults;
import dev.socklab.udp.Mode;
import dev.socklab.udp.UdpException;
import dev.socklab.udp.UdpServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code udp-server}: runs {@link UdpServer} until the process is stopped. */
@Command(name = "udp-server",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Prints every UDP datagram with its sender; optionally answers it or collects files sent by udp-client --file.",
                "Runs until stopped (Ctrl-C, docker stop)."
        })
final class UdpServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "" + Defaults.PORT,
            converter = PortConverter.class,
            description = "UDP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = {"-m", "--mode"}, paramLabel = "MODE", defaultValue = "print",
            description = "print, echo (send each datagram back) or upper (send it back upper-cased) "
                    + "(default: ${DEFAULT-VALUE})")
    Mode mode;

    @Option(names = "--receive-file", paramLabel = "DIR",
            description = "Collect files sent with udp-client --file; a complete, verified one is saved as "
                    + "DIR/" + Defaults.RECEIVED_NAME)
    Path receiveDir;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = Defaults.IDLE_TIMEOUT_TEXT,
            converter = DurationConverter.class,
            description = "Report a file transfer as it stands after this much silence (default: ${DEFAULT-VALUE})")
    Duration idleTimeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        UdpServer server = new UdpServer(new UdpServer.Config(port, mode, receiveDir, idleTimeout, Serving.lineLog(stdout)));
        try {
            server.start();
        } catch (UdpException e) {
            throw new LabException(e.getMessage(), e);
        }
        return Serving.untilStopped("udp-server", server::close, server::awaitClosed);
    }
}
