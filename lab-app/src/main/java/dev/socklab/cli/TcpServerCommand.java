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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code tcp-server}: runs {@link TcpServer} until the process is stopped. Described in code, not with picocli's
 * annotations: its start-up is measured against a one-class Java server ({@link Specs} says why).
 */
final class TcpServerCommand implements Callable<Integer> {

    final CommandSpec spec = Specs.command(this, "tcp-server",
            "Receives files over TCP, from socklab's client, a textbook greeting client or a raw sender, and saves "
                    + "each complete one as " + Defaults.RECEIVED_NAME + ".",
            "Recognises each client's form from what it does (--protocol forces one).",
            "Serves many clients at once, until stopped (Ctrl-C, docker stop).");

    {
        spec.addOption(OptionSpec.builder("-p", "--port").paramLabel("PORT").type(int.class)
                .defaultValue("" + Defaults.PORT).converters(new PortConverter())
                .description("TCP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})").build());
        spec.addOption(OptionSpec.builder("-o", "--out").paramLabel("DIR").type(Path.class).defaultValue(".").converters(new PathConverter())
                .description("Folder for " + Defaults.RECEIVED_NAME + ", created if missing (default: ${DEFAULT-VALUE})")
                .build());
        spec.addOption(OptionSpec.builder("--protocol").paramLabel("FORM").type(Form.class).defaultValue("auto").converters(new FormConverter()).completionCandidates(FormConverter.labels())
                .description("auto: recognise each client's form; socklab: only socklab's greeting line, size and SHA-256; "
                        + "greeting: the textbook exchange (the client's first read is its greeting, we answer '"
                        + Protocol.CLASSIC_SERVER_GREETING + "', then save until it closes); raw: no greeting, the bytes "
                        + "until the client closes are the file, as with nc (default: ${DEFAULT-VALUE})").build());
        spec.addOption(OptionSpec.builder("--raw").type(boolean.class).description("Same as --protocol raw").build());
        spec.addOption(OptionSpec.builder("--greeting-pause").paramLabel("DURATION").type(Duration.class)
                .defaultValue(Defaults.GREETING_PAUSE_MILLIS + "ms").converters(new DurationConverter())
                .description("With --protocol auto: a client that sends a first message without a newline and then sends "
                        + "nothing for this long (and does not close) is a classic greeting client and gets an answer; one "
                        + "that keeps sending or closes is raw. A raw sender of a small file without a newline that then waits "
                        + "without closing looks the same: use --protocol raw for it (default: ${DEFAULT-VALUE})").build());
        spec.addOption(OptionSpec.builder("--lines").type(boolean.class)
                .description("Print each received line as 'ADDRESS:PORT -> text' instead of saving a file "
                        + "(pairs with tcp-client --stdin)").build());
        spec.addOption(OptionSpec.builder("--idle-timeout").paramLabel("DURATION").type(Duration.class)
                .defaultValue(Defaults.IDLE_TIMEOUT_SECONDS + "s").converters(new DurationConverter())
                .description("Drop a client that sends nothing for this long, e.g. 30s, 2m (default: ${DEFAULT-VALUE})").build());
        spec.addOption(OptionSpec.builder("--keep-each").type(boolean.class)
                .description("Also keep each upload apart as recv-ADDRESS-PORT.txt (its client's), a hard link beside "
                        + Defaults.RECEIVED_NAME + ": the lab's server does, so ./lab send can give each run its own file")
                .build());
        spec.addOption(OptionSpec.builder("--max-bytes").paramLabel("SIZE").type(Long.class).converters(new ByteSizeConverter())
                .description("Refuse a transfer larger than this, e.g. 100M, 2G (default: no limit but the disk)").build());
        Specs.standardHelp(spec);
    }

    /** The description picocli runs: a new command object's. */
    static CommandSpec spec() {
        return new TcpServerCommand().spec;
    }

    @Override
    public Integer call() throws Exception {
        boolean raw = Specs.flag(spec, "--raw");
        Form protocol = Specs.value(spec, "--protocol");
        if (raw && protocol != Form.AUTO && protocol != Form.RAW) {
            throw new ParameterException(spec.commandLine(), "--raw and --protocol " + protocol.label() + " contradict each other");
        }
        Long maxBytes = Specs.value(spec, "--max-bytes");
        PrintWriter stdout = spec.commandLine().getOut();
        TcpServer server = new TcpServer(new TcpServer.Config(Specs.<Integer>value(spec, "--port"), Specs.value(spec, "--out"),
                raw, Specs.value(spec, "--idle-timeout"), Serving.lineLog(stdout), Specs.flag(spec, "--lines"))
                .withForm(raw ? Form.RAW : protocol)
                .withGreetingPause(Specs.value(spec, "--greeting-pause"))
                .withMaxBytes(maxBytes == null ? TcpServer.Config.NO_LIMIT : maxBytes));
        if (Specs.flag(spec, "--keep-each")) server.keepingEach();
        try {
            server.start();
        } catch (TcpException e) {
            throw new LabException(e.getMessage(), e);
        }
        return Serving.untilStopped("tcp-server", server::close, server::awaitClosed);
    }
}
