package dev.socklab.cli;

import dev.socklab.tcp.Defaults;
import dev.socklab.tcp.Form;
import dev.socklab.tcp.Protocol;
import dev.socklab.tcp.TcpException;
import dev.socklab.tcp.TcpServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tcp-server}: runs {@link TcpServer} until the process is stopped. */
@Command(name = "tcp-server",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Receives files over TCP, from socklab's client, a textbook greeting client or a raw sender, and saves "
                        + "each complete one as " + Defaults.RECEIVED_NAME + ".",
                "Recognises each client's form from what it does (--protocol forces one).",
                "Serves many clients at once, until stopped (Ctrl-C, docker stop)."
        })
final class TcpServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "" + Defaults.PORT,
            converter = PortConverter.class,
            description = "TCP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = ".",
            description = "Folder for " + Defaults.RECEIVED_NAME + ", created if missing (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--protocol", paramLabel = "FORM", defaultValue = "auto",
            description = "auto: recognise each client's form; socklab: only socklab's greeting line, size and SHA-256; "
                    + "greeting: the textbook exchange (the client's first read is its greeting, we answer '"
                    + Protocol.CLASSIC_SERVER_GREETING + "', then save until it closes); raw: no greeting, the bytes "
                    + "until the client closes are the file, as with nc (default: ${DEFAULT-VALUE})")
    Form protocol;

    @Option(names = "--raw", description = "Same as --protocol raw")
    boolean raw;

    @Option(names = "--greeting-pause", paramLabel = "DURATION", defaultValue = Defaults.GREETING_PAUSE_MILLIS + "ms",
            converter = DurationConverter.class,
            description = "With --protocol auto: a client that sends a first message without a newline and then sends "
                    + "nothing for this long (and does not close) is a classic greeting client and gets an answer; one "
                    + "that keeps sending or closes is raw. A raw sender of a small file without a newline that then waits "
                    + "without closing looks the same: use --protocol raw for it (default: ${DEFAULT-VALUE})")
    Duration greetingPause;

    @Option(names = "--lines",
            description = "Print each received line as 'ADDRESS:PORT -> text' instead of saving a file "
                    + "(pairs with tcp-client --stdin)")
    boolean lines;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = Defaults.IDLE_TIMEOUT_SECONDS + "s",
            converter = DurationConverter.class,
            description = "Drop a client that sends nothing for this long, e.g. 30s, 2m (default: ${DEFAULT-VALUE})")
    Duration idleTimeout;

    @Option(names = "--keep-each",
            description = "Also keep each upload apart as recv-ADDRESS-PORT.txt (its client's), a hard link beside "
                    + Defaults.RECEIVED_NAME + ": the lab's server does, so ./lab send can give each run its own file")
    boolean keepEach;

    @Option(names = "--max-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Refuse a transfer larger than this, e.g. 100M, 2G (default: no limit but the disk)")
    Long maxBytes;

    @Override
    public Integer call() throws Exception {
        if (raw && protocol != Form.AUTO && protocol != Form.RAW) {
            throw new ParameterException(spec.commandLine(), "--raw and --protocol " + protocol.label() + " contradict each other");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        TcpServer server = new TcpServer(new TcpServer.Config(port, out, raw, idleTimeout, Serving.lineLog(stdout), lines)
                .withForm(raw ? Form.RAW : protocol)
                .withGreetingPause(greetingPause)
                .withMaxBytes(maxBytes == null ? TcpServer.Config.NO_LIMIT : maxBytes));
        if (keepEach) server.keepingEach();
        try {
            server.start();
        } catch (TcpException e) {
            throw new LabException(e.getMessage(), e);
        }
        return Serving.untilStopped("tcp-server", server::close, server::awaitClosed);
    }
}
