package dev.socklab.report;

import dev.socklab.pcap.ConnectionPairing;
import dev.socklab.pcap.ConnectionPairing.Evidence;
import dev.socklab.pcap.ConnectionPairing.Pair;
import dev.socklab.pcap.Handshake;
import dev.socklab.pcap.HandshakeSegment;
import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import java.time.Duration;

/**
 * Two captures of the same traffic side by side (client side A, server side B): each connection as
 * both saw it, what a NAT between them translated, and how many routers the TTL says lie between.
 */
public final class PairingReport {

    private PairingReport() {
    }

    public static String render(TcpAnalysis a, TcpAnalysis b, ConnectionPairing pairing) {
        StringBuilder s = new StringBuilder();
        s.append("Two captures of the same traffic\n");
        s.append("  A  ").append(describe(a)).append('\n');
        s.append("  B  ").append(describe(b)).append('\n');
        if (pairing.pairs().isEmpty()) {
            s.append("\n  no connection appears in both captures\n");
        } else {
            Table t = new Table("pair", "capture", "client → server", "handshake", ">SYN TTL", ">hops", ">packets",
                    ">bytes →", ">bytes ←");
            int n = 0;
            for (Pair p : pairing.pairs()) {
                n++;
                row(t, String.valueOf(n), "A #" + p.first().number(), p.first());
                row(t, "", "B #" + p.second().number(), p.second());
            }
            s.append('\n').append(indent(t.render()));
            boolean ipv6 = pairing.pairs().stream().anyMatch(p -> ipv6(p.first()));
            s.append("  SYN TTL").append(ipv6 ? " (IPv6: hop limit)" : "")
                    .append(": as it arrived where captured; hops: routers the client's SYN had passed (from 64, 128 or 255)\n");
            n = 0;
            for (Pair p : pairing.pairs()) {
                s.append('\n').append("  pair ").append(++n).append(": ").append(explain(p));
            }
        }
        for (TcpConnection c : pairing.onlyInFirst()) s.append("  only in A: #").append(c.number()).append(' ').append(c).append('\n');
        for (TcpConnection c : pairing.onlyInSecond()) s.append("  only in B: #").append(c.number()).append(' ').append(c).append('\n');
        return s.toString();
    }

    private static String describe(TcpAnalysis a) {
        int n = a.connections().size();
        return a.source() + "  (" + a.frames() + (a.frames() == 1 ? " packet, " : " packets, ")
                + n + (n == 1 ? " TCP connection)" : " TCP connections)");
    }

    private static void row(Table t, String pair, String capture, TcpConnection c) {
        String handshake = c.handshake().map(h -> h.isComplete() ? "complete" : "incomplete").orElse("not captured");
        Object ttl = c.handshake().map(h -> (Object) h.syn().ttl()).orElse("-");
        Object hops = c.handshake().map(h -> (Object) h.syn().hops()).orElse("-");
        t.row(pair, capture, c.client() + " → " + c.server(), handshake, ttl, hops, c.packets(),
                c.sequenceBytesClientToServer(), c.sequenceBytesServerToClient());
    }

    private static String explain(Pair p) {
        StringBuilder s = new StringBuilder();
        s.append(p.evidence());
        if (p.evidence() == Evidence.SAME_ISNS) {
            Handshake h = p.first().handshake().orElseThrow();
            s.append(" (client ").append(h.clientIsn());
            h.serverIsn().ifPresent(isn -> s.append(", server ").append(isn));
            s.append(')');
        }
        s.append("; B saw it begin ").append(millis(p.offset().abs())).append(" ms ")
                .append(p.offset().isNegative() ? "before" : "after").append(" A\n");
        if (p.clientTranslated()) {
            s.append("    the client ").append(p.first().client()).append(" is ").append(p.second().client())
                    .append(" in B: source NAT between the capture points (one side sees the gateway, not the client)\n");
        }
        if (p.serverTranslated()) {
            s.append("    the server ").append(p.first().server()).append(" is ").append(p.second().server())
                    .append(" in B: destination NAT, a forwarded port\n");
        }
        if (!p.clientTranslated() && !p.serverTranslated()) {
            s.append("    the same addresses and ports in both: nothing between the capture points translates them\n");
        }
        p.hopsBetween().ifPresent(hops -> {
            HandshakeSegment synA = p.first().handshake().orElseThrow().syn();
            HandshakeSegment synB = p.second().handshake().orElseThrow().syn();
            // IPv6 calls it the hop limit: the same field, one less at every router.
            s.append("    the SYN's ").append(ipv6(p.first()) ? "hop limit" : "TTL").append(" is ").append(synA.ttl()).append(" in A and ").append(synB.ttl()).append(" in B: ")
                    .append(hops == 0 ? "no router" : hops == 1 ? "1 router" : hops + " routers")
                    .append(" between the two capture points\n");
        });
        return s.toString();
    }

    private static boolean ipv6(TcpConnection c) {
        return c.client().address() instanceof java.net.Inet6Address;
    }

    private static String millis(Duration d) {
        return Durations.millisText(d);
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
    }
}
