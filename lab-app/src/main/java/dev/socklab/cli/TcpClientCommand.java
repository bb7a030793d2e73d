package dev.socklab.cli;

import dev.socklab.report.ProgressBar;
import dev.socklab.tcp.Defaults;
import dev.socklab.tcp.Form;
import dev.socklab.tcp.Protocol;
import dev.socklab.tcp.TcpClient;
import dev.socklab.tcp.TcpException;
import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tcp-client}: sends one file with {@link TcpClient}; exit 0 when the server confirmed it, or confirms nothing but closed cleanly. */
@Command(name = "tcp-client",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Sends a file to a TCP server: socklab's, which confirms its size and SHA-256, a textbook greeting "
                        + "server or, with --protocol raw, any program that receives until end of stream.",
                "Exit code 0 when socklab's server stored exactly what was sent, or when a server that confirms nothing "
                        + "got every byte and closed cleanly."
        })
final class TcpClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST",
            description = "Server address: IPv4 (10.10.1.10), IPv6 (fd00::10 or [fd00::10]) or a name")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "" + Defaults.PORT,
            converter = PortConverter.class,
            description = "Server's TCP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = Defaults.FILE,
            description = "File to send (default: ${DEFAULT-VALUE})")
    Path file;

    @Option(names = "--protocol", paramLabel = "FORM", defaultValue = "auto",
            description = "auto: send socklab's greeting line; a server answering as socklab then confirms size and "
                    + "SHA-256, any other answer is a textbook greeting server and gets the file raw; socklab: only "
                    + "socklab's server; greeting: send '" + Protocol.CLASSIC_CLIENT_GREETING + "' and the file after "
                    + "the server's answer; raw: no greeting, send the bytes, half-close, wait for the server to close "
                    + "(nc -l, recv-until-EOF servers: they never answer a greeting) (default: ${DEFAULT-VALUE})")
    Form protocol;

    @Option(names = "--raw", description = "Same as --protocol raw")
    boolean raw;

    @Option(names = "--stdin",
            description = "Send each line of standard input as typed, no file (pairs with tcp-server --lines)")
    boolean stdin;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = Defaults.IDLE_TIMEOUT_SECONDS + "s",
            converter = DurationConverter.class,
            description = "Give up when the server is silent or stops reading for this long (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION",
            defaultValue = Defaults.CONNECT_TIMEOUT_SECONDS + "s", converter = DurationConverter.class,
            description = "Give up connecting after this long (default: ${DEFAULT-VALUE})")
    Duration connectTimeout;

    @Override
    public Integer call() throws Exception {
        if (port == 0) {
            throw new ParameterException(spec.commandLine(), "port 0 cannot be connected to (use 1..65535)");
        }
        if (raw && protocol != Form.AUTO && protocol != Form.RAW) {
            throw new ParameterException(spec.commandLine(), "--raw and --protocol " + protocol.label() + " contradict each other");
        }
        Form form = raw ? Form.RAW : protocol;
        PrintWriter stdout = spec.commandLine().getOut();
        TcpClient.Config config = new TcpClient.Config(host, port, file, form, connectTimeout, timeout, line -> {
            stdout.println(line);
            stdout.flush();
        }, isTerminal() ? new Bar() : TcpClient.Progress.NONE);
        TcpClient.Result result;
        if (stdin) {
            if (form != Form.AUTO) {
                throw new ParameterException(spec.commandLine(), "--stdin and --protocol " + form.label() + " cannot be combined");
            }
            try {
                new TcpClient(config).sendLines(new java.io.BufferedReader(
                        new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)));
            } catch (TcpException e) {
                throw new LabException(e.getMessage(), e);
            }
            return 0;
        }
        try {
            result = new TcpClient(config).send();
        } catch (TcpException e) {
            throw new LabException(e.getMessage(), e);
        }
        if (!result.ok()) throw new LabException(result.problem());
        return 0;
    }

    /** A real terminal only: in logs and pipes the '\r' redraws would be garbage. */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            // Java 22+ returns a Console even when redirected; isTerminal() then tells the truth.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException java21) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Draws on stderr, so stdout stays clean for scripts; only for files big enough to take a while. */
    private static final class Bar implements TcpClient.Progress {
        private ProgressBar bar;

        @Override
        public void update(long done, long total) {
            if (total < Defaults.PROGRESS_MIN_BYTES) return;
            if (bar == null) bar = new ProgressBar(System.err, total);
            bar.update(done);
        }

        @Override
        public void finish() {
            if (bar != null) bar.finish();
        }
    }
}
