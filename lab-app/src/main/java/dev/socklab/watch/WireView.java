package dev.socklab.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.socklab.pcap.Packet;
import dev.socklab.pcap.TcpFlags;
import dev.socklab.pcap.TcpSegment;
import dev.socklab.pcap.UdpDatagram;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the packets of the lab's capture points, in time order, into what the live page draws: a flow (TCP
 * connection or UDP flow) when it starts, a ladder row per packet, and each capture point that saw that packet
 * (its addresses, ports and TTL there, so the page can say what changed between points). The same packet at two
 * points is recognised by what forwarding and NAT leave alone: TCP sequence and acknowledgement numbers, flags,
 * window and payload length (UDP: its length, in order). Bulk data is thinned, never the handshake or teardown.
 * Each event is one JSON object, handed to {@code events} as it happens.
 */
public final class WireView {
    /** Rows of a flow shown in full before data segments are thinned. */
    static final int FULL_ROWS = 16;
    /** After that, at most one segment without SYN, FIN or RST per direction in this many milliseconds. */
    static final long THIN_MILLIS = 250;
    /** A copy of a packet at another point arrives within this long, or it is a new packet (a retransmission). */
    private static final long MATCH_MILLIS = 2000;
    private static final int MAX_KEYS = 50_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<String> events;
    private final Map<String, Flow> flowsByEnds = new HashMap<>();
    private final Map<String, Deque<Row>> rowsByKey = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Row>> e) {
            return size() > MAX_KEYS;
        }
    };
    private int flows;
    private long rows;

    public WireView(Consumer<String> events) {
        this.events = events;
    }

    private static final class Flow {
        final int number;
        final boolean tcp;
        /** The initiator's endpoint at each point, once seen there. */
        final Map<String, String> initiatorAt = new HashMap<>();
        long initiatorIsn = -1;
        long responderIsn = -1;
        int shown;
        final long[] lastShown = {Long.MIN_VALUE / 2, Long.MIN_VALUE / 2};
        final int[] skipped = new int[2];
        boolean thinningSaid;
        boolean closed;

        Flow(int number, boolean tcp) {
            this.number = number;
            this.tcp = tcp;
        }
    }

    private static final class Row {
        final long id;
        final Flow flow;
        final long time;
        final boolean fromInitiator;
        boolean drawn = true;
        final List<String> seenAt = new ArrayList<>();

        Row(long id, Flow flow, long time, boolean fromInitiator) {
            this.id = id;
            this.flow = flow;
            this.time = time;
            this.fromInitiator = fromInitiator;
        }
    }

    /** One packet seen at {@code point}. */
    public void accept(String point, Packet p) {
        String key;
        boolean control;
        if (p.transport() instanceof TcpSegment s) {
            key = "T" + s.seq() + "/" + s.ack() + "/" + s.flags() + "/" + s.window() + "/" + s.payloadLength();
            control = s.flags().syn() || s.flags().fin() || s.flags().rst();
        } else if (p.transport() instanceof UdpDatagram d) {
            key = "U" + d.payloadLength();
            control = false;
        } else {
            return;
        }
        long millis = p.time().toEpochMilli();
        Deque<Row> same = rowsByKey.get(key);
        if (same != null) {
            for (Row r : same) {
                if (!r.seenAt.contains(point) && millis - r.time <= MATCH_MILLIS) {
                    seen(r, point, p);
                    return;
                }
            }
        }
        String ends = point + " " + canonical(p.source().toString(), p.destination().toString());
        Flow f = flowsByEnds.get(ends);
        boolean newTcp = p.transport() instanceof TcpSegment s && s.flags().syn() && !s.flags().ack();
        if (f == null || newTcp && (f.closed || f.initiatorIsn != ((TcpSegment) p.transport()).seq())) {
            f = new Flow(++flows, p.transport() instanceof TcpSegment);
            f.initiatorAt.put(point, p.source().toString());
            flowsByEnds.put(ends, f);
            ObjectNode e = event("flow").put("flow", f.number).put("proto", f.tcp ? "TCP" : "UDP")
                    .put("client", p.source().toString()).put("server", p.destination().toString()).put("point", point)
                    .put("time", p.time().toString());
            emit(e);
        }
        boolean fromInitiator = p.source().toString().equals(f.initiatorAt.getOrDefault(point, p.source().toString()));
        int dir = fromInitiator ? 0 : 1;
        Row row = new Row(++rows, f, millis, fromInitiator);
        rowsByKey.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(row);
        if (same != null && same.size() > 8) same.removeFirst();
        row.seenAt.add(point);
        if (!control && f.shown >= FULL_ROWS && millis - f.lastShown[dir] < THIN_MILLIS) {
            f.skipped[dir]++;   // thinned: its copies at the other points are recognised and skipped too
            row.drawn = false;
            if (!f.thinningSaid) {
                f.thinningSaid = true;
                emit(event("note").put("flow", f.number).put("text", "bulk data: after the first " + FULL_ROWS
                        + " rows, at most one segment per direction every " + THIN_MILLIS + " ms is drawn; the rows"
                        + " say how many were left out. The handshake and the teardown are always drawn."));
            }
            return;
        }
        f.shown++;
        f.lastShown[dir] = millis;
        ObjectNode e = event("row").put("flow", f.number).put("row", row.id).put("dir", fromInitiator ? "→" : "←")
                .put("time", p.time().toString()).put("thinned", f.skipped[dir]);
        f.skipped[dir] = 0;
        if (p.transport() instanceof TcpSegment s) {
            TcpFlags fl = s.flags();
            if (fl.syn() && !fl.ack()) f.initiatorIsn = s.seq();
            if (fl.syn() && fl.ack()) f.responderIsn = s.seq();
            if (fl.fin() || fl.rst()) f.closed = true;
            long isn = fromInitiator ? f.initiatorIsn : f.responderIsn;
            long peerIsn = fromInitiator ? f.responderIsn : f.initiatorIsn;
            e.put("label", label(fl, s.payloadLength())).put("len", s.payloadLength())
                    .put("seq", isn < 0 ? s.seq() : (s.seq() - isn) & 0xFFFFFFFFL)
                    .put("ack", !fl.ack() ? -1 : peerIsn < 0 ? s.ack() : (s.ack() - peerIsn) & 0xFFFFFFFFL);
        } else if (p.transport() instanceof UdpDatagram d) {
            e.put("label", "UDP " + d.payloadLength() + " bytes").put("len", d.payloadLength());
        }
        e.set("at", at(point, p));
        emit(e);
    }

    private void seen(Row r, String point, Packet p) {
        r.seenAt.add(point);
        Flow f = r.flow;
        flowsByEnds.put(point + " " + canonical(p.source().toString(), p.destination().toString()), f);
        // which end is the initiator as this point sees it (NAT: other addresses than at the first point)
        f.initiatorAt.putIfAbsent(point, (r.fromInitiator ? p.source() : p.destination()).toString());
        if (!r.drawn) return;
        ObjectNode e = event("seen").put("flow", f.number).put("row", r.id);
        e.set("at", at(point, p));
        emit(e);
    }

    private static ObjectNode at(String point, Packet p) {
        return JSON.createObjectNode().put("point", point).put("src", p.source().toString())
                .put("dst", p.destination().toString()).put("ttl", p.ip().ttl()).put("time", p.time().toString());
    }

    private static String label(TcpFlags f, int payload) {
        StringBuilder s = new StringBuilder();
        if (f.syn()) s.append("SYN");
        if (f.fin()) s.append(s.isEmpty() ? "" : "-").append("FIN");
        if (f.rst()) s.append(s.isEmpty() ? "" : "-").append("RST");
        if (f.psh()) s.append(s.isEmpty() ? "" : "-").append("PSH");
        if (f.ack()) s.append(s.isEmpty() ? "" : "-").append("ACK");
        if (payload > 0) s.append(" ").append(payload).append(" bytes");
        return s.toString();
    }

    private static String canonical(String a, String b) {
        return a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
    }

    /** A note about the whole page (not one flow): what the recording keeps, what a capture dropped. */
    public synchronized void note(String text) {
        emit(event("note").put("text", text));
    }

    private static ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private void emit(ObjectNode e) {
        events.accept(e.toString());
    }
}
