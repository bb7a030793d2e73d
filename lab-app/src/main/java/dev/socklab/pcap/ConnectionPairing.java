package dev.socklab.pcap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The connections two captures of the same traffic have in common — one taken on the client's side,
 * one on the server's — even when a NAT between them rewrote addresses and ports.
 *
 * <p>Evidence, strongest first: the same initial sequence numbers (a kernel NAT rewrites addresses
 * and ports but never sequence numbers, so the ISNs name the connection in both views); else the same
 * four endpoints at overlapping times (no NAT, SYN not captured); else the same payload each way at
 * overlapping times — a proxy such as VirtualBox's NAT engine ends the client's connection and opens
 * its own to the server, with new ISNs, so only the data and the timing are shared. Among several
 * candidates the nearest in time wins.
 */
public final class ConnectionPairing {

    /** Why two connections were taken for the same one. */
    public enum Evidence {
        SAME_ISNS("same ISNs"),
        SAME_ENDPOINTS("same endpoints, overlapping in time"),
        RELAYED("same payload each way, overlapping in time, different ISNs: relayed by a proxy");

        private final String text;

        Evidence(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * One connection as each capture saw it.
     *
     * @param offset how much later the second capture saw it begin (SYN to SYN when both were
     *               captured); on two machines this includes the difference between their clocks
     */
    public record Pair(TcpConnection first, TcpConnection second, Evidence evidence, Duration offset) {

        /** True when the second capture sees the client at another address or port: source NAT. */
        public boolean clientTranslated() {
            return !first.client().equals(second.client());
        }

        /** True when the client connected to another address or port than the server listens on: destination NAT. */
        public boolean serverTranslated() {
            return !first.server().equals(second.server());
        }

        /**
         * Routers between the two capture points: the difference of the TTLs the client's SYN had in
         * each. Empty unless both captured the SYN and the connection is one (relayed, it is two).
         */
        public Optional<Integer> hopsBetween() {
            if (evidence == Evidence.RELAYED || first.handshake().isEmpty() || second.handshake().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Math.abs(first.handshake().get().syn().ttl() - second.handshake().get().syn().ttl()));
        }
    }

    private final List<Pair> pairs;
    private final List<TcpConnection> onlyInFirst;
    private final List<TcpConnection> onlyInSecond;

    private ConnectionPairing(List<Pair> pairs, List<TcpConnection> onlyInFirst, List<TcpConnection> onlyInSecond) {
        this.pairs = List.copyOf(pairs);
        this.onlyInFirst = List.copyOf(onlyInFirst);
        this.onlyInSecond = List.copyOf(onlyInSecond);
    }

    /** Pairs the connections of two captures, best evidence first. */
    public static ConnectionPairing of(TcpAnalysis first, TcpAnalysis second) {
        List<TcpConnection> left = new ArrayList<>(first.connections());
        List<TcpConnection> right = new ArrayList<>(second.connections());
        List<Pair> pairs = new ArrayList<>();
        match(left, right, pairs, Evidence.SAME_ISNS, ConnectionPairing::sameIsns);
        match(left, right, pairs, Evidence.SAME_ENDPOINTS,
                (a, b) -> a.client().equals(b.client()) && a.server().equals(b.server()) && overlap(a, b));
        match(left, right, pairs, Evidence.RELAYED, (a, b) -> samePayload(a, b) && overlap(a, b));
        pairs.sort(Comparator.comparing(p -> p.first().number()));
        return new ConnectionPairing(pairs, left, right);
    }

    private static void match(List<TcpConnection> left, List<TcpConnection> right, List<Pair> pairs,
                              Evidence evidence, BiPredicate<TcpConnection, TcpConnection> same) {
        for (TcpConnection a : List.copyOf(left)) {
            right.stream()
                    .filter(b -> same.test(a, b))
                    .min(Comparator.comparing(b -> offset(a, b).abs()))
                    .ifPresent(b -> {
                        pairs.add(new Pair(a, b, evidence, offset(a, b)));
                        left.remove(a);
                        right.remove(b);
                    });
        }
    }

    private static boolean sameIsns(TcpConnection a, TcpConnection b) {
        if (a.handshake().isEmpty() || b.handshake().isEmpty()) return false;
        Handshake x = a.handshake().get();
        Handshake y = b.handshake().get();
        if (x.clientIsn() != y.clientIsn()) return false;
        // The server's ISN must agree too when both captures saw the SYN-ACK.
        return x.serverIsn().isEmpty() || y.serverIsn().isEmpty() || x.serverIsn().equals(y.serverIsn());
    }

    private static boolean samePayload(TcpConnection a, TcpConnection b) {
        return a.sequenceBytesClientToServer() > 0
                && a.sequenceBytesClientToServer() == b.sequenceBytesClientToServer()
                && a.sequenceBytesServerToClient() == b.sequenceBytesServerToClient();
    }

    private static boolean overlap(TcpConnection a, TcpConnection b) {
        return !a.firstSeen().isAfter(b.lastSeen()) && !b.firstSeen().isAfter(a.lastSeen());
    }

    private static Duration offset(TcpConnection a, TcpConnection b) {
        return Duration.between(start(a), start(b));
    }

    private static Instant start(TcpConnection c) {
        return c.handshake().map(h -> h.syn().time()).orElse(c.firstSeen());
    }

    /** The connections seen in both captures, in the first capture's order. */
    public List<Pair> pairs() {
        return pairs;
    }

    /** Connections of the first capture with no counterpart in the second. */
    public List<TcpConnection> onlyInFirst() {
        return onlyInFirst;
    }

    /** Connections of the second capture with no counterpart in the first. */
    public List<TcpConnection> onlyInSecond() {
        return onlyInSecond;
    }
}
