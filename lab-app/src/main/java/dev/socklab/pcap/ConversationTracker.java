package dev.socklab.pcap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sorts decoded packets into TCP connections and UDP flows as the capture streams by. */
final class ConversationTracker {
    /** The latest connection per 4-tuple: the one a non-SYN segment belongs to. */
    private final Map<ConversationKey, ConnectionBuilder> current = new HashMap<>();
    private final List<ConnectionBuilder> connections = new ArrayList<>();
    private final Map<ConversationKey, UdpFlowBuilder> udp = new LinkedHashMap<>();

    void accept(Packet p) {
        switch (p.transport()) {
            case TcpSegment s -> {
                ConversationKey key = ConversationKey.of(p.source(), p.destination());
                ConnectionBuilder c = current.get(key);
                boolean opening = s.flags().syn() && !s.flags().ack();
                if (c == null || (opening && c.isReplacedBy(p.source(), s.seq()))) {
                    c = new ConnectionBuilder(connections.size() + 1, p, s);
                    current.put(key, c);
                    connections.add(c);
                }
                c.accept(p, s);
            }
            case UdpDatagram d -> udp.computeIfAbsent(ConversationKey.of(p.source(), p.destination()),
                    k -> new UdpFlowBuilder(p)).accept(p, d);
            case Transport.Other o -> {
                // ICMP, fragments and the like are counted as IP packets only.
            }
        }
    }

    List<TcpConnection> connections() {
        return connections.stream().map(ConnectionBuilder::build).toList();
    }

    List<UdpFlow> udpFlows() {
        return udp.values().stream().map(UdpFlowBuilder::build).toList();
    }
}
