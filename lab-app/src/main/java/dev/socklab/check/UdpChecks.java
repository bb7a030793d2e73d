package dev.socklab.check;

import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.UdpFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checks of the UDP exercises: clients on fixed ports (11000, 13000) sending datagrams to one server on 12000. */
final class UdpChecks {
    /** socklab's udp-client says how many it sends: {@code --sequence 1..100}. */
    private static final Pattern SEQUENCE = Pattern.compile("--sequence\\s+(\\d+)\\.\\.(\\d+)");

    private final RunRecord run;
    private final TcpAnalysis wire;

    private UdpChecks(RunRecord run, TcpAnalysis wire) {
        this.run = run;
        this.wire = wire;
    }

    static List<Check> of(RunRecord run, TcpAnalysis wire) {
        return new UdpChecks(run, wire).all();
    }

    /**
     * The flow a client sent to the server's port, if any. Both clients run on one host (one address, as in
     * the exercise), so the port tells them apart: the flow from the client's expected port, else one from
     * its address that is no other client's expected port.
     */
    static Optional<UdpFlow> flowOf(RunRecord run, TcpAnalysis wire, String role) {
        String address = run.addressOf(role);
        List<UdpFlow> from = wire.udpFlows().stream()
                .filter(f -> f.initiator().host().equals(address) && f.responder().port() == run.port()).toList();
        OptionalInt expected = run.expectedPort(role);
        if (expected.isPresent()) {
            Optional<UdpFlow> own = from.stream().filter(f -> f.initiator().port() == expected.getAsInt()).findFirst();
            if (own.isPresent()) return own;
        }
        List<Integer> others = run.clients().stream().map(Program::role).filter(r -> !r.equals(role))
                .map(run::expectedPort).filter(OptionalInt::isPresent).map(OptionalInt::getAsInt).toList();
        return from.stream().filter(f -> !others.contains(f.initiator().port())).findFirst();
    }

    private List<Check> all() {
        List<Check> checks = new ArrayList<>();
        checks.add(run.serverListening()
                ? Check.pass("listening", "server bound to UDP port " + run.port(), "the server host shows UDP port " + run.port() + " open")
                : Check.fail("listening", "server bound to UDP port " + run.port(), "nothing bound UDP port " + run.port() + " within "
                + run.timeoutSeconds() + " s" + run.server().exit().map(c -> "; the server exited with code " + c).orElse("")));
        for (Program client : run.clients()) {
            checks.add(attribution(client));
            checks.add(nothingLost(client));
        }
        for (Program client : run.clients()) checks.add(ProgramChecks.finished(client, run.timeoutSeconds()));
        checks.add(wire.connections().isEmpty()
                ? Check.info("no-tcp", "no TCP", "no TCP in the capture: UDP has no handshake and no teardown, only datagrams")
                : Check.info("no-tcp", "no TCP", wire.connections().size() + " TCP connection(s) in the capture beside the UDP traffic"));
        return checks;
    }

    private Check attribution(Program client) {
        String id = client.role() + "-port";
        OptionalInt expected = run.expectedPort(client.role());
        String title = client.role() + "'s datagrams come from " + (expected.isPresent() ? "port " + expected.getAsInt() : "one port");
        Optional<UdpFlow> flow = flowOf(run, wire, client.role());
        if (flow.isEmpty()) {
            return Check.fail(id, title, "no datagram from " + run.addressOf(client.role()) + " to port " + run.port() + " in the capture");
        }
        UdpFlow f = flow.get();
        String seen = f.datagramsFromInitiator() + " datagrams " + f.initiator() + " → " + f.responder();
        if (expected.isPresent() && f.initiator().port() != expected.getAsInt()) {
            return Check.fail(id, title, seen + ": sent from port " + f.initiator().port() + ", not " + expected.getAsInt()
                    + " (bind the socket to port " + expected.getAsInt() + " before sending)", f.firstPacket());
        }
        return Check.pass(id, title, seen, f.firstPacket(), f.lastPacket());
    }

    /**
     * Nothing lost on a clean link: socklab's client sends a known count, socklab's server prints a line
     * per datagram; for the user's programs the wire's count is set against what the other side said.
     */
    private Check nothingLost(Program client) {
        String id = client.role() + "-lost";
        String title = "nothing lost from " + client.role();
        Optional<UdpFlow> flow = flowOf(run, wire, client.role());
        if (flow.isEmpty()) return Check.fail(id, title, "no datagram on the wire");
        UdpFlow f = flow.get();
        long onWire = f.datagramsFromInitiator();
        Matcher m = SEQUENCE.matcher(client.command());
        if (!client.user() && m.find()) {
            long meant = Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) + 1;
            if (onWire != meant) {
                return Check.fail(id, title, onWire + " of the " + meant + " datagrams " + client.describe() + " sent reached the server host",
                        f.firstPacket(), f.lastPacket());
            }
        }
        long printed = linesNaming(run.server().output(), f.initiator().port());
        if (printed == onWire) {
            return Check.pass(id, title, onWire + " datagrams on the wire, and the server printed " + printed
                    + " lines naming port " + f.initiator().port(), f.firstPacket(), f.lastPacket());
        }
        Verdict v = run.server().user() ? Verdict.INFO : Verdict.FAIL;
        String hint = run.server().user() ? " (does your server print the sender's address and port for each datagram?)" : "";
        return new Check(id, title, v, onWire + " datagrams on the wire, but the server printed " + printed
                + " lines naming port " + f.initiator().port() + hint, List.of(f.firstPacket(), f.lastPacket()));
    }

    /** Lines of the server's output that name a port: "10.10.2.11:11000 -> 1" or "('10.10.2.11', 11000) b'1'". */
    static long linesNaming(String output, int port) {
        Pattern p = Pattern.compile("(?<![0-9])" + port + "(?![0-9])");
        return output.lines().filter(l -> p.matcher(l).find()).count();
    }
}
