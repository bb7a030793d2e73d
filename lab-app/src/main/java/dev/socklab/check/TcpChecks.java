package dev.socklab.check;

import dev.socklab.pcap.Handshake;
import dev.socklab.pcap.Landmarks;
import dev.socklab.pcap.Side;
import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.tcp.Form;
import dev.socklab.tcp.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The checks of a TCP file transfer (the classic exercise: server on 9898 saves what the client sends). */
final class TcpChecks {
    private final RunRecord run;
    private final TcpAnalysis wire;
    private final Optional<TcpConnection> connection;
    private final Optional<Exchange> exchange;

    private TcpChecks(RunRecord run, TcpAnalysis wire, Optional<Exchange> exchange) {
        this.run = run;
        this.wire = wire;
        this.connection = mainConnection(wire, run.port());
        this.exchange = exchange;
    }

    static List<Check> of(RunRecord run, TcpAnalysis wire, Optional<Exchange> exchange) throws IOException {
        return new TcpChecks(run, wire, exchange).all();
    }

    /** How the transfer (the main connection) opened, from the capture. */
    static Optional<Exchange> exchange(RunRecord run, TcpAnalysis wire) throws IOException {
        Optional<TcpConnection> c = mainConnection(wire, run.port());
        return c.isPresent() ? Optional.of(Exchange.of(run.pcap(), c.get())) : Optional.empty();
    }

    /** The transfer: the first connection to the port that completed its handshake, else the first one at all. */
    static Optional<TcpConnection> mainConnection(TcpAnalysis wire, int port) {
        List<TcpConnection> to = wire.connectionsTo(port);
        return to.stream().filter(TcpConnection::hasCompleteHandshake).findFirst()
                .or(() -> to.stream().min(Comparator.comparing(TcpConnection::firstSeen)));
    }

    private List<Check> all() throws IOException {
        List<Check> checks = new ArrayList<>();
        checks.add(listening());
        checks.add(handshake());
        checks.add(protocol());
        checks.add(greeting());
        checks.add(file());
        checks.add(teardown());
        checks.add(secondClient());
        // The second client (client2) is judged by the check above: it is there to try the server again.
        run.program("client").ifPresent(client -> checks.add(ProgramChecks.finished(client, run.timeoutSeconds())));
        return checks;
    }

    private Check listening() {
        String title = "server listens on port " + run.port();
        if (connection.isPresent() && connection.get().handshake().flatMap(Handshake::synAck).isPresent()) {
            TcpConnection c = connection.get();
            long synAck = c.handshake().get().synAck().get().frame();
            return Check.pass("listening", title, "SYN-ACK from " + c.server() + " answers the client's SYN", synAck);
        }
        Program server = run.server();
        String exited = server.exit().map(code -> "; " + server.describe() + " exited with code " + code).orElse("");
        if (connection.isPresent() && connection.get().fromServer().landmarks().firstRst().isPresent()) {
            TcpConnection c = connection.get();
            long rst = c.fromServer().landmarks().firstRst().getAsLong();
            List<Long> packets = new ArrayList<>();
            c.handshake().ifPresent(h -> packets.add(h.syn().frame()));
            packets.add(rst);
            return new Check("listening", title, Verdict.FAIL, "connection refused: the client's SYN was answered by RST,"
                    + " nothing listened on port " + run.port() + exited, packets);
        }
        if (run.serverListening()) {
            return Check.info("listening", title, "listening (the server host shows port " + run.port()
                    + " open), but no client connected to it");
        }
        return Check.fail("listening", title, "nothing listened on port " + run.port() + " within "
                + run.timeoutSeconds() + " s" + exited);
    }

    private Check handshake() {
        String title = "client connects (three-way handshake)";
        if (connection.isEmpty()) {
            return Check.fail("handshake", title, "no TCP connection to port " + run.port() + " in the capture: the client never sent a SYN there");
        }
        TcpConnection c = connection.get();
        if (c.handshake().isEmpty()) return Check.fail("handshake", title, "the capture holds no SYN of " + c);
        Handshake h = c.handshake().get();
        List<Long> packets = new ArrayList<>(List.of(h.syn().frame()));
        h.synAck().ifPresent(x -> packets.add(x.frame()));
        h.ack().ifPresent(x -> packets.add(x.frame()));
        if (h.isComplete()) {
            return new Check("handshake", title, Verdict.PASS, "SYN, SYN-ACK, ACK between " + c.client() + " and " + c.server(), packets);
        }
        return new Check("handshake", title, Verdict.FAIL, String.join("; ", h.problems()), packets);
    }

    /** The form the programs spoke, from the wire (see {@link Exchange}), and how socklab's side came to speak it. */
    private Check protocol() {
        String title = "protocol found on the wire";
        if (exchange.isEmpty()) return Check.info("protocol", title, "no connection, so no protocol");
        String note = run.formNote().isBlank() ? "" : " (" + run.formNote() + ")";
        return new Check("protocol", title, Verdict.INFO, exchange.get().evidence() + note, exchange.get().packets());
    }

    /**
     * The greeting of the classic exercise: the textbook's exchange (the client greets, waits, the server answers),
     * or the server speaking before the client's first byte.
     */
    private Check greeting() {
        String title = "greeting exchange";
        if (connection.isEmpty()) return Check.info("greeting", title, "no connection, so no greeting");
        if (exchange.flatMap(Exchange::form).filter(f -> f == Form.GREETING).isPresent()) {
            return new Check("greeting", title, Verdict.PASS, "the textbook's: the client greets and waits, the server answers, "
                    + "then the file", exchange.get().packets());
        }
        TcpConnection c = connection.get();
        OptionalLong serverFirst = c.fromServer().landmarks().firstData();
        OptionalLong clientFirst = c.fromClient().landmarks().firstData();
        if (serverFirst.isPresent() && (clientFirst.isEmpty() || serverFirst.getAsLong() < clientFirst.getAsLong())) {
            String then = clientFirst.isPresent() ? "; the client sent its data after it" : "; the client never sent data";
            return new Check("greeting", title, clientFirst.isPresent() ? Verdict.PASS : Verdict.FAIL,
                    "the server greets first (" + c.fromServer().sequenceBytes() + " bytes server→client in all)" + then,
                    present(serverFirst, clientFirst));
        }
        return Check.info("greeting", title, "none: the client sends first and the server only listens, as in raw mode"
                + (serverFirst.isPresent() ? " (the server answers " + c.fromServer().sequenceBytes() + " bytes later)" : ""),
                present(clientFirst).toArray(Long[]::new));
    }

    private Check file() throws IOException {
        String title = run.received().getFileName() + " arrived byte-identical";
        long sentSize = Files.size(run.sent());
        String wireText = "";
        List<Long> packets = new ArrayList<>();
        if (connection.isPresent()) {
            TcpConnection c = connection.get();
            Landmarks l = c.fromClient().landmarks();
            packets.addAll(present(l.firstData(), l.lastData()));
            wireText = "; the wire carried " + c.sequenceBytesClientToServer() + " bytes client→server";
        }
        // Not followed: a link or a pipe the program left under that name is not a saved file.
        if (!Files.isRegularFile(run.received(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return new Check("file", title, Verdict.FAIL, "the server saved no " + run.received().getFileName() + wireText, packets);
        }
        long got = Files.size(run.received());
        if (Sha256.ofFile(run.received()).equals(Sha256.ofFile(run.sent()))) {
            return new Check("file", title, Verdict.PASS, got + " bytes, same SHA-256 as " + run.sent().getFileName() + wireText, packets);
        }
        long at = firstDifference(run.sent(), run.received());
        String how = got < sentSize && at == got ? "truncated: " + got + " of " + sentSize + " bytes"
                : got + " bytes instead of " + sentSize + ", first difference at byte " + at;
        String why = connection.isPresent() && connection.get().sequenceBytesClientToServer() >= sentSize
                ? " — the bytes crossed the wire but the server did not save them all" : "";
        return new Check("file", title, Verdict.FAIL, how + wireText + why, packets);
    }

    private Check teardown() {
        String title = "orderly teardown (FIN both ways, no RST, no hang)";
        if (connection.isEmpty()) return Check.fail("teardown", title, "no connection to close");
        TcpConnection c = connection.get();
        Landmarks client = c.fromClient().landmarks();
        Landmarks server = c.fromServer().landmarks();
        Optional<Side> rst = c.teardown().rstBy();
        if (rst.isPresent()) {
            Landmarks by = rst.get() == Side.CLIENT ? client : server;
            return new Check("teardown", title, Verdict.FAIL, "RST by the " + rst.get().label()
                    + ": it aborted the connection (a socket closed with unread data, or with SO_LINGER 0, resets it)"
                    + fins(c), present(by.firstRst(), client.firstFin(), server.firstFin()));
        }
        boolean bothFins = client.firstFin().isPresent() && server.firstFin().isPresent();
        if (bothFins && !run.serverClosed().equals(Optional.of(false))) {
            return new Check("teardown", title, Verdict.PASS, c.teardown().firstFin().get().label() + " closed first" + fins(c),
                    present(client.firstFin(), server.firstFin()));
        }
        if (c.teardown().firstFin().isPresent()) {
            Side first = c.teardown().firstFin().get();
            return new Check("teardown", title, Verdict.FAIL, "hang: the " + first.label() + "'s FIN was never answered by a FIN from the "
                    + first.other().label() + " within " + run.timeoutSeconds() + " s — the " + first.other().label()
                    + " kept the connection open", present(first == Side.CLIENT ? client.firstFin() : server.firstFin()));
        }
        return Check.fail("teardown", title, "hang: no FIN and no RST — the connection was still open when the run stopped after "
                + run.timeoutSeconds() + " s");
    }

    /**
     * The server loops on accept(): a second client, started once the first has left and the port is still open,
     * is served too. A server that exits cleanly after one client (the simplest version) is told as such, not failed.
     */
    private Check secondClient() {
        String title = "server still listening for a second client";
        Program server = run.server();
        Optional<Program> second = run.program("client2");
        Optional<TcpConnection> next = connection.flatMap(first -> wire.connectionsTo(run.port()).stream()
                .filter(c -> c.number() > first.number()).findFirst());
        List<Long> packets = new ArrayList<>();
        next.ifPresent(c -> {
            c.handshake().ifPresent(h -> packets.add(h.syn().frame()));
            c.teardown().rstBy().ifPresent(side -> c.from(side).landmarks().firstRst().ifPresent(packets::add));
            c.fromServer().landmarks().firstFin().ifPresent(packets::add);
        });
        if (second.isPresent() && second.get().exit().equals(Optional.of(0)) && next.filter(TcpConnection::hasCompleteHandshake).isPresent()) {
            TcpConnection c = next.get();
            return new Check("second-client", title, Verdict.PASS, "a second client (" + secondName(second.get()) + ") connected after "
                    + "the first had left and was served: " + c.sequenceBytesClientToServer() + " bytes, teardown: "
                    + c.teardown().describe(), packets);
        }
        String tried = second.isEmpty() ? "" : next.isEmpty() ? "; the second client found nobody listening"
                : "; the second client " + (next.get().teardown().rstBy().isPresent() ? "was refused (RST)" : "was not served");
        if (server.exit().isPresent()) {
            int code = server.exit().get();
            if (code == 0) {
                return new Check("second-client", title, Verdict.INFO, "one client only: the server exits after one client "
                        + "(exit code 0), as the simplest version does" + tried, packets);
            }
            return new Check("second-client", title, Verdict.FAIL, "the server crashed: exit code " + code + tried, packets);
        }
        if (second.isPresent()) {
            Program p = second.get();
            return new Check("second-client", title, Verdict.FAIL, "the server still runs, but a second client (" + secondName(p) + ") was not "
                    + "served: " + (p.hung() ? "it hung for " + run.timeoutSeconds() + " s" : "it exited with code "
                    + p.exit().map(String::valueOf).orElse("?")) + lastWords(p), packets);
        }
        if (run.listeningAfter()) {
            return Check.info("second-client", title, "port " + run.port() + " is still open after the client left (no second "
                    + "client was tried: the first did not finish cleanly)");
        }
        return Check.fail("second-client", title, "the server still runs but no longer listens on port " + run.port());
    }

    private static String secondName(Program p) {
        return p.user() ? "your client, run again" : "socklab's client";
    }

    private static String lastWords(Program p) {
        String tail = p.outputTail(1);
        return tail.isBlank() ? "" : " — it said: " + tail;
    }

    private static String fins(TcpConnection c) {
        return " (teardown: " + c.teardown().describe() + ")";
    }

    private static List<Long> present(OptionalLong... packets) {
        List<Long> out = new ArrayList<>();
        for (OptionalLong p : packets) {
            if (p.isPresent() && !out.contains(p.getAsLong())) out.add(p.getAsLong());
        }
        return out;
    }

    private static long firstDifference(Path a, Path b) throws IOException {
        try (InputStream x = Files.newInputStream(a); InputStream y = Files.newInputStream(b)) {
            byte[] bx = new byte[8192];
            byte[] by = new byte[8192];
            long at = 0;
            while (true) {
                int nx = x.readNBytes(bx, 0, bx.length);
                int ny = y.readNBytes(by, 0, by.length);
                int n = Math.min(nx, ny);
                for (int i = 0; i < n; i++) if (bx[i] != by[i]) return at + i;
                at += n;
                if (nx != ny || nx == 0) return at;
            }
        }
    }
}
