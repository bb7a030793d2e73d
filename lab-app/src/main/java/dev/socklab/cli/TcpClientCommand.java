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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code tcp-client}: sends one file with {@link TcpClient}; exit 0 when the server confirmed it, or confirms nothing
 * but closed cleanly. Described in code, not with picocli's annotations: its start-up is measured against a one-class
 * Java client ({@link Specs} says why).
 */
final class TcpClientCommand implements Callable<Integer> {

    final CommandSpec spec = Specs.command(this, "tcp-client",
            "Sends a file to a TCP server: socklab's, which confirms its size and SHA-256, a textbook greeting "
                    + "server or, with --protocol raw, any program that receives until end of stream.",
            "Exit code 0 when socklab's server stored exactly what was sent, or when a server that confirms nothing "
                    + "got every byte and closed cleanly.");

    {
        spec.addPositional(PositionalParamSpec.builder().index("0").arity("1").required(true).paramLabel("HOST").type(String.class)
                .description("Server address: IPv4 (10.10.1.10), IPv6 (fd00::10 or [fd00::10]) or a name").build());
        spec.addOption(OptionSpec.builder("-p", "--port").paramLabel("PORT").type(int.class)
                .defaultValue("" + Defaults.PORT).converters(new PortConverter())
                .description("Server's TCP port (default: ${DEFAULT-VALUE})").build());
        spec.addOption(OptionSpec.builder("-f", "--file").paramLabel("FILE").type(Path.class).defaultValue(Defaults.FILE).converters(new PathConverter())
                .description("File to send (default: ${DEFAULT-VALUE})").build());
        spec.addOption(OptionSpec.builder("--protocol").paramLabel("FORM").type(Form.class).defaultValue("auto").converters(new FormConverter()).completionCandidates(FormConverter.labels())
                .description("auto: send socklab's greeting line; a server answering as socklab then confirms size and "
                        + "SHA-256, any other answer is a textbook greeting server and gets the file raw; socklab: only "
                        + "socklab's server; greeting: send '" + Protocol.CLASSIC_CLIENT_GREETING + "' and the file after "
                        + "the server's answer; raw: no greeting, send the bytes, half-close, wait for the server to close "
                        + "(nc -l, recv-until-EOF servers: they never answer a greeting) (default: ${DEFAULT-VALUE})").build());
        spec.addOption(OptionSpec.builder("--raw").type(boolean.class).description("Same as --protocol raw").build());
        spec.addOption(OptionSpec.builder("--stdin").type(boolean.class)
                .description("Send each line of standard input as typed, no file (pairs with tcp-server --lines)").build());
        spec.addOption(OptionSpec.builder("--timeout").paramLabel("DURATION").type(Duration.class)
                .defaultValue(Defaults.IDLE_TIMEOUT_SECONDS + "s").converters(new DurationConverter())
                .description("Give up when the server is silent or stops reading for this long (default: ${DEFAULT-VALUE})")
                .build());
        spec.addOption(OptionSpec.builder("--connect-timeout").paramLabel("DURATION").type(Duration.class)
                .defaultValue(Defaults.CONNECT_TIMEOUT_SECONDS + "s").converters(new DurationConverter())
                .description("Give up connecting after this long (default: ${DEFAULT-VALUE})").build());
        Specs.standardHelp(spec);
    }

    /** The description picocli runs: a new command object's. */
    static CommandSpec spec() {
        return new TcpClientCommand().spec;
    }

    @Override
    public Integer call() throws Exception {
        String host = spec.positionalParameters().get(0).getValue();
        int port = Specs.value(spec, "--port");
        boolean raw = Specs.flag(spec, "--raw");
        Form protocol = Specs.value(spec, "--protocol");
        if (port == 0) {
            throw new ParameterException(spec.commandLine(), "port 0 cannot be connected to (use 1..65535)");
        }
        if (raw && protocol != Form.AUTO && protocol != Form.RAW) {
            throw new ParameterException(spec.commandLine(), "--raw and --protocol " + protocol.label() + " contradict each other");
        }
        Form form = raw ? Form.RAW : protocol;
        PrintWriter stdout = spec.commandLine().getOut();
        TcpClient.Config config = new TcpClient.Config(host, port, Specs.value(spec, "--file"), form,
                Specs.value(spec, "--connect-timeout"), Specs.value(spec, "--timeout"), line -> {
            stdout.println(line);
            stdout.flush();
        }, new Bar());
        TcpClient.Result result;
        if (Specs.flag(spec, "--stdin")) {
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
