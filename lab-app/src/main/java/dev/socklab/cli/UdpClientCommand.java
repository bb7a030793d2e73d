package dev.socklab.cli;

import dev.socklab.udp.Datagram;
import dev.socklab.udp.Defaults;
import dev.socklab.udp.Format;
import dev.socklab.udp.Sequence;
import dev.socklab.udp.UdpClient;
import dev.socklab.udp.UdpException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code udp-client}: sends a message, a number sequence, stdin lines or a file with {@link UdpClient}. */
@Command(name = "udp-client",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Sends UDP datagrams to a udp-server: one message (and waits for the reply), a sequence of numbers, "
                        + "each line of standard input, or a file in numbered chunks."
        })
final class UdpClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST", description = "Server address: 10.10.1.10, fd00::10 or a name")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "" + Defaults.PORT,
            converter = PortConverter.class, description = "Server's UDP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind-port", paramLabel = "PORT", defaultValue = "0", converter = PortConverter.class,
            description = "Local port to send from, e.g. 11000 or 13000; 0 lets the system choose (default: 0)")
    int bindPort;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    /** Exactly one of these: what to send. */
    static final class What {
        @Option(names = {"-m", "--message"}, paramLabel = "TEXT", required = true,
                description = "Send TEXT and wait for one reply")
        String message;

        @Option(names = "--sequence", paramLabel = "FROM..TO", required = true, converter = SequenceConverter.class,
                description = "Send the numbers FROM..TO as text, one datagram each, e.g. " + Defaults.SEQUENCE)
        Sequence sequence;

        @Option(names = "--stdin", required = true, description = "Send each line of standard input as one datagram")
        boolean stdin;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true,
                description = "Send FILE in numbered chunks (udp-server --receive-file reports what arrived)")
        Path file;
    }

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = Defaults.TIMEOUT_TEXT,
            converter = DurationConverter.class,
            description = "--message: how long to wait for the reply (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--loop", description = "--sequence: start over after the end (forever, or until --count)")
    boolean loop;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = Defaults.INTERVAL_TEXT,
            converter = DurationConverter.class,
            description = "--sequence: pause between datagrams (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "--sequence: stop after N datagrams; 0: the range once, or forever with --loop (default: 0)")
    long count;

    @Option(names = "--chunk", paramLabel = "BYTES", defaultValue = "" + Defaults.CHUNK,
            description = "--file: data bytes per datagram, after a " + Datagram.HEADER_SIZE
                    + "-byte header (default: ${DEFAULT-VALUE})")
    int chunk;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "" + Defaults.RATE,
            description = "--file: datagrams per second, so the receiver's buffer never overflows; 0: unpaced "
                    + "(default: ${DEFAULT-VALUE})")
    int rate;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (port == 0) throw new ParameterException(cl, "port 0 cannot be sent to (use 1..65535)");
        if (count < 0) throw new ParameterException(cl, "--count must be 0 or more");
        if (rate < 0) throw new ParameterException(cl, "--rate must be 0 or more");
        int maxChunk = Defaults.MAX_PAYLOAD - Datagram.HEADER_SIZE;
        if (chunk < 1 || chunk > maxChunk) {
            throw new ParameterException(cl, "--chunk must be 1.." + maxChunk + " (a UDP datagram carries at most "
                    + Defaults.MAX_PAYLOAD + " bytes, header included)");
        }
        PrintWriter stdout = cl.getOut();
        UdpClient.Config config = new UdpClient.Config(host, port, bindPort, timeout, line -> {
            synchronized (stdout) {
                stdout.println(line);
                stdout.flush();
            }
        });
        try (UdpClient client = new UdpClient(config)) {
            if (what.message != null) return message(client, stdout);
            if (what.sequence != null) client.sendSequence(what.sequence, loop, count, interval);
            else if (what.stdin) client.sendLines(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
            else client.sendFile(what.file, chunk, rate, null);
            return 0;
        } catch (UdpException e) {
            throw new LabException(e.getMessage(), e);
        }
    }

    private int message(UdpClient client, PrintWriter stdout) throws Exception {
        Optional<UdpClient.Reply> reply = client.request(what.message);
        if (reply.isEmpty()) {
            throw new LabException("no reply from " + host + ":" + port + " within " + Format.duration(timeout)
                    + " (UDP gives no error: the datagram or the reply may be lost, or no server is listening)");
        }
        stdout.println("Reply from " + reply.get().from() + ": " + Format.printable(reply.get().data()));
        stdout.flush();
        return 0;
    }

    /** "1..100" → a {@link Sequence}; a malformed range is a usage error (exit 2). */
    static final class SequenceConverter implements CommandLine.ITypeConverter<Sequence> {
        @Override
        public Sequence convert(String value) {
            try {
                return Sequence.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
