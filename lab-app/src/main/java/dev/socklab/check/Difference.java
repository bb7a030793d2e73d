package dev.socklab.check;

import dev.socklab.pcap.Side;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.pcap.UdpFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One measure of a run set beside the reference run's: segment sizes, packet counts, who closed first.
 *
 * @param differs true when the two values are not the same
 */
public record Difference(String measure, String user, String reference, boolean differs) {

    /** The measures of both runs, in a fixed order; {@link #differs} marks those that are not alike. */
    static List<Difference> between(RunResult user, RunResult reference) {
        List<String[]> u = measures(user);
        List<String[]> r = measures(reference);
        List<Difference> out = new ArrayList<>();
        for (int i = 0; i < u.size(); i++) {
            String a = u.get(i)[1];
            String b = r.get(i)[1];
            out.add(new Difference(u.get(i)[0], a, b, !Objects.equals(a, b)));
        }
        return out;
    }

    private static List<String[]> measures(RunResult run) {
        List<String[]> m = new ArrayList<>();
        if (run.record().isUdp()) {
            m.add(row("UDP flows", run.wire().udpFlows().size()));
            for (Program client : run.record().clients()) {
                Optional<UdpFlow> f = UdpChecks.flowOf(run.record(), run.wire(), client.role());
                m.add(row(client.role() + ": source port", f.map(x -> "" + x.initiator().port()).orElse("-")));
                m.add(row(client.role() + ": datagrams → server", f.map(UdpFlow::datagramsFromInitiator).orElse(0L)));
                m.add(row(client.role() + ": bytes → server", f.map(UdpFlow::bytesFromInitiator).orElse(0L)));
                m.add(row(client.role() + ": datagrams ← server", f.map(UdpFlow::datagramsFromResponder).orElse(0L)));
            }
            m.add(row("TCP connections", run.wire().connections().size()));
            return m;
        }
        int port = run.record().port();
        Optional<TcpConnection> c = TcpChecks.mainConnection(run.wire(), port);
        m.add(row("TCP connections to port " + port, run.wire().connectionsTo(port).size()));
        for (Side side : Side.values()) {
            m.add(row("packets " + side.direction(), c.map(x -> x.from(side).packets()).orElse(0L)));
            m.add(row("data bytes " + side.direction(), c.map(x -> x.from(side).sequenceBytes()).orElse(0L)));
            m.add(row("largest segment " + side.direction(), c.map(x -> x.from(side).landmarks().largestSegment()).orElse(0)));
        }
        m.add(row("who closed first", c.flatMap(x -> x.teardown().firstFin()).map(Side::label).orElse("nobody")));
        m.add(row("teardown", c.map(x -> x.teardown().describe()).orElse("-")));
        return m;
    }

    private static String[] row(String measure, Object value) {
        return new String[] {measure, String.valueOf(value)};
    }
}
