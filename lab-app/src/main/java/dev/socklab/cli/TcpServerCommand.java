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
import java.util.List;
import static dev.socklab.cli.Program.Param.flag;
import static dev.socklab.cli.Program.Param.option;

/**
 * {@code tcp-server}: runs {@link TcpServer} until the process is stopped. Described as a {@link Program}, not with
 * picocli's annotations: its start-up is measured against a one-class Java server.
 */
record TcpServerCommand(Program.Values values, PrintWriter stdout) implements Callable<Integer> {

    static final Program PROGRAM = new Program("tcp-server", new String[] {
            "Receives files over TCP, from socklab's client, a textbook greeting client or a raw sender, and saves "
                    + "each complete one as " + Defaults.RECEIVED_NAME + ".",
            "Recognises each client's form from what it does (--protocol forces one).",
            "Serves many clients at once, until stopped (Ctrl-C, docker stop)."}, List.of(
            option("PORT", int.class, new PortConverter(), "" + Defaults.PORT,
                    "TCP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})", "-p", "--port"),
            option("DIR", Path.class, new PathConverter(), ".",
                    "Folder for " + Defaults.RECEIVED_NAME + ", created if missing (default: ${DEFAULT-VALUE})", "-o", "--out"),
            option("FORM", Form.class, new FormConverter(), "auto",
                    "auto: recognise each client's form; socklab: only socklab's greeting line, size and SHA-256; "
                            + "greeting: the textbook exchange (the client's first read is its greeting, we answer '"
                            + Protocol.CLASSIC_SERVER_GREETING + "', then save until it closes); raw: no greeting, the bytes "
                            + "until the client closes are the file, as with nc (default: ${DEFAULT-VALUE})", "--protocol")
                    .withCandidates(FormConverter.labels()),
            flag("Same as --protocol raw", "--raw"),
            option("DURATION", Duration.class, new DurationConverter(), Defaults.GREETING_PAUSE_MILLIS + "ms",
                    "With --protocol auto: a client that sends a first message without a newline and then sends "
                            + "nothing for this long (and does not close) is a classic greeting client and gets an answer; one "
                            + "that keeps sending or closes is raw. A raw sender of a small file without a newline that then waits "
                            + "without closing looks the same: use --protocol raw for it (default: ${DEFAULT-VALUE})",
                    "--greeting-pause"),
            flag("Print each received line as 'ADDRESS:PORT -> text' instead of saving a file "
                    + "(pairs with tcp-client --stdin)", "--lines"),
            option("DURATION", Duration.class, new DurationConverter(), Defaults.IDLE_TIMEOUT_SECONDS + "s",
                    "Drop a client that sends nothing for this long, e.g. 30s, 2m (default: ${DEFAULT-VALUE})", "--idle-timeout"),
            flag("Also keep each upload apart as recv-ADDRESS-PORT.txt (its client's), a hard link beside "
                    + Defaults.RECEIVED_NAME + ": the lab's server does, so ./lab send can give each run its own file",
                    "--keep-each"),
            option("SIZE", Long.class, new ByteSizeConverter(), null,
                    "Refuse a transfer larger than this, e.g. 100M, 2G (default: no limit but the disk)", "--max-bytes")),
            TcpServerCommand::new);

    @Override
    public Integer call() throws Exception {
        boolean raw = values.flag("--raw");
        Form protocol = values.value("--protocol");
        if (raw && protocol != Form.AUTO && protocol != Form.RAW) {
            throw new Program.Usage("--raw and --protocol " + protocol.label() + " contradict each other");
        }
        Long maxBytes = values.value("--max-bytes");
        TcpServer server = new TcpServer(new TcpServer.Config(values.<Integer>value("--port"), values.value("--out"),
                raw, values.value("--idle-timeout"), Serving.lineLog(stdout), values.flag("--lines"))
                .withForm(raw ? Form.RAW : protocol)
                .withGreetingPause(values.value("--greeting-pause"))
                .withMaxBytes(maxBytes == null ? TcpServer.Config.NO_LIMIT : maxBytes));
        if (values.flag("--keep-each")) server.keepingEach();
        try {
            server.start();
        } catch (TcpException e) {
            throw new LabException(e.getMessage(), e);
        }
        return Serving.untilStopped("tcp-server", server::close, server::awaitClosed);
    }
}
