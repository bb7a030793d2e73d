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
import java.util.List;
import static dev.socklab.cli.Program.Param.flag;
import static dev.socklab.cli.Program.Param.option;
import static dev.socklab.cli.Program.Param.positional;

/**
 * {@code tcp-client}: sends one file with {@link TcpClient}; exit 0 when the server confirmed it, or confirms nothing
 * but closed cleanly. Described as a {@link Program}, not with picocli's annotations: its start-up is measured against a
 * one-class Java client.
 */
record TcpClientCommand(Program.Values values, PrintWriter stdout) implements Callable<Integer> {

    static final Program PROGRAM = new Program("tcp-client", new String[] {
            "Sends a file to a TCP server: socklab's, which confirms its size and SHA-256, a textbook greeting "
                    + "server or, with --protocol raw, any program that receives until end of stream.",
            "Exit code 0 when socklab's server stored exactly what was sent, or when a server that confirms nothing "
                    + "got every byte and closed cleanly."}, List.of(
            positional("HOST", "Server address: IPv4 (10.10.1.10), IPv6 (fd00::10 or [fd00::10]) or a name"),
            option("PORT", int.class, new PortConverter(), "" + Defaults.PORT, "Server's TCP port (default: ${DEFAULT-VALUE})",
                    "-p", "--port"),
            option("FILE", Path.class, new PathConverter(), Defaults.FILE, "File to send (default: ${DEFAULT-VALUE})",
                    "-f", "--file"),
            option("FORM", Form.class, new FormConverter(), "auto",
                    "auto: send socklab's greeting line; a server answering as socklab then confirms size and "
                            + "SHA-256, any other answer is a textbook greeting server and gets the file raw; socklab: only "
                            + "socklab's server; greeting: send '" + Protocol.CLASSIC_CLIENT_GREETING + "' and the file after "
                            + "the server's answer; raw: no greeting, send the bytes, half-close, wait for the server to close "
                            + "(nc -l, recv-until-EOF servers: they never answer a greeting) (default: ${DEFAULT-VALUE})",
                    "--protocol").withCandidates(FormConverter.labels()),
            flag("Same as --protocol raw", "--raw"),
            flag("Send each line of standard input as typed, no file (pairs with tcp-server --lines)", "--stdin"),
            option("DURATION", Duration.class, new DurationConverter(), Defaults.IDLE_TIMEOUT_SECONDS + "s",
                    "Give up when the server is silent or stops reading for this long (default: ${DEFAULT-VALUE})", "--timeout"),
            option("DURATION", Duration.class, new DurationConverter(), Defaults.CONNECT_TIMEOUT_SECONDS + "s",
                    "Give up connecting after this long (default: ${DEFAULT-VALUE})", "--connect-timeout")),
            TcpClientCommand::new);

    @Override
    public Integer call() throws Exception {
        String host = values.value("HOST");
        int port = values.value("--port");
        boolean raw = values.flag("--raw");
        Form protocol = values.value("--protocol");
        if (port == 0) {
            throw new Program.Usage("port 0 cannot be connected to (use 1..65535)");
        }
        if (raw && protocol != Form.AUTO && protocol != Form.RAW) {
            throw new Program.Usage("--raw and --protocol " + protocol.label() + " contradict each other");
        }
        Form form = raw ? Form.RAW : protocol;
        TcpClient.Config config = new TcpClient.Config(host, port, values.value("--file"), form,
                values.value("--connect-timeout"), values.value("--timeout"), line -> {
            stdout.println(line);
            stdout.flush();
        }, new Bar());
        TcpClient.Result result;
        if (values.flag("--stdin")) {
            if (form != Form.AUTO) {
                throw new Program.Usage("--stdin and --protocol " + form.label() + " cannot be combined");
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

    /**
     * Draws on stderr, so stdout stays clean for scripts; only for files big enough to take a while, and only on a
     * terminal, asked then: finding the console costs a small file's start-up milliseconds for nothing.
     */
    private static final class Bar implements TcpClient.Progress {
        private ProgressBar bar;
        private boolean off;

        @Override
        public void update(long done, long total) {
            if (off || total < Defaults.PROGRESS_MIN_BYTES) return;
            if (bar == null) {
                if (!isTerminal()) {
                    off = true;
                    return;
                }
                bar = new ProgressBar(System.err, total);
            }
            bar.update(done);
        }

        @Override
        public void finish() {
            if (bar != null) bar.finish();
        }
    }
}
