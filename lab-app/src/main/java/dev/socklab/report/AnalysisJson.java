package dev.socklab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.socklab.pcap.DirectionStats;
import dev.socklab.pcap.Endpoint;
import dev.socklab.pcap.ExpertCounts;
import dev.socklab.pcap.Handshake;
import dev.socklab.pcap.HandshakeRtt;
import dev.socklab.pcap.Malformation;
import dev.socklab.pcap.Malformations;
import dev.socklab.pcap.Side;
import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.pcap.Teardown;
import dev.socklab.pcap.UdpFlow;
import java.time.Duration;
import java.util.List;

/**
 * {@code analyze --json}: the analysis in a stable shape for programs (documented in docs/analyze.md,
 * "The JSON"). Built field by field rather than by reflection, so renaming a Java accessor
 * can never change the output; new fields may be added, existing ones keep their name and meaning.
 * Times are ISO-8601 UTC, durations milliseconds with up to 6 decimals.
 */
public final class AnalysisJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AnalysisJson() {
    }

    /** {@code {"captures": [...]}}, one entry per file, in the order given. */
    public static String render(List<TcpAnalysis> analyses) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode captures = root.putArray("captures");
        for (TcpAnalysis a : analyses) captures.add(capture(a));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    private static ObjectNode capture(TcpAnalysis a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("file", a.source());
        n.put("frames", a.frames());
        n.put("ipPackets", a.ipPackets());
        if (a.truncation().isPresent()) n.put("truncated", a.truncation().get().getMessage());
        else n.putNull("truncated");
        ArrayNode tcp = n.putArray("tcpConnections");
        for (TcpConnection c : a.connections()) tcp.add(connection(c));
        ArrayNode udp = n.putArray("udpFlows");
        for (UdpFlow f : a.udpFlows()) udp.add(flow(f));
        ObjectNode expert = n.putObject("expertInfo");
        for (Malformation.Group g : Malformation.Group.values()) expert.set(g.label(), malformations(a.malformations(), g));
        return n;
    }

    /** {@code "malformed": {"packets": 3, "kinds": [...]}}: packets Wireshark's expert info flags, by kind. */
    private static ObjectNode malformations(Malformations m, Malformation.Group group) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("packets", m.packets(group));
        ArrayNode kinds = n.putArray("kinds");
        for (Malformations.Tally t : m.tallies(group)) {
            ObjectNode k = kinds.addObject();
            k.put("kind", t.kind().id());
            k.put("title", t.kind().title());
            k.put("packets", t.packets());
            k.put("firstFrame", t.firstFrame());
            k.put("example", t.example());
            k.put("counted", t.kind().counted());
        }
        return n;
    }

    private static ObjectNode connection(TcpConnection c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("number", c.number());
        n.set("client", endpoint(c.client()));
        n.set("server", endpoint(c.server()));
        n.put("firstSeen", c.firstSeen().toString());
        n.put("lastSeen", c.lastSeen().toString());
        n.put("durationMs", Durations.millis(c.duration()));
        n.set("handshake", c.handshake().map(h -> handshake(h, c.handshakeRtt().orElse(null)))
                .orElse(null));
        n.set("clientToServer", direction(c.from(Side.CLIENT)));
        n.set("serverToClient", direction(c.from(Side.SERVER)));
        n.set("teardown", teardown(c.teardown()));
        return n;
    }

    private static ObjectNode handshake(Handshake h, HandshakeRtt rtt) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("complete", h.isComplete());
        ArrayNode problems = n.putArray("problems");
        h.problems().forEach(problems::add);
        n.put("clientIsn", h.clientIsn());
        if (h.serverIsn().isPresent()) n.put("serverIsn", h.serverIsn().get());
        else n.putNull("serverIsn");
        if (rtt == null) {
            n.putNull("synToSynAckMs");
            n.putNull("synAckToAckMs");
            n.putNull("rttMs");
        } else {
            n.put("synToSynAckMs", Durations.millis(rtt.synToSynAck()));
            n.put("synAckToAckMs", Durations.millis(rtt.synAckToAck()));
            n.put("rttMs", Durations.millis(rtt.total()));
        }
        return n;
    }

    private static ObjectNode direction(DirectionStats d) {
        ExpertCounts e = d.expert();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("packets", d.packets());
        n.put("bytes", d.frameBytes());
        n.put("payloadBytes", d.payloadBytes());
        n.put("sequenceBytes", d.sequenceBytes());
        n.put("retransmissions", e.retransmissions());
        n.put("fastRetransmissions", e.fastRetransmissions());
        n.put("spuriousRetransmissions", e.spuriousRetransmissions());
        n.put("outOfOrder", e.outOfOrder());
        n.put("dupAcks", e.duplicateAcks());
        n.put("zeroWindows", e.zeroWindows());
        n.put("lostSegments", e.lostSegments());
        return n;
    }

    private static ObjectNode teardown(Teardown t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("finFromClient", t.finFromClient().isPresent());
        n.put("finFromServer", t.finFromServer().isPresent());
        n.put("closedFirstBy", t.firstFin().map(Side::label).orElse(null));
        n.put("rst", t.rstBy().isPresent());
        n.put("rstBy", t.rstBy().map(Side::label).orElse(null));
        n.put("description", t.describe());
        return n;
    }

    private static ObjectNode flow(UdpFlow f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("initiator", endpoint(f.initiator()));
        n.set("responder", endpoint(f.responder()));
        n.put("firstSeen", f.firstSeen().toString());
        n.put("lastSeen", f.lastSeen().toString());
        n.put("durationMs", Durations.millis(f.duration()));
        n.set("initiatorToResponder", udpDirection(f.datagramsFromInitiator(), f.frameBytesFromInitiator(),
                f.bytesFromInitiator()));
        n.set("responderToInitiator", udpDirection(f.datagramsFromResponder(), f.frameBytesFromResponder(),
                f.bytesFromResponder()));
        return n;
    }

    private static ObjectNode udpDirection(long datagrams, long bytes, long payloadBytes) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("datagrams", datagrams);
        n.put("bytes", bytes);
        n.put("payloadBytes", payloadBytes);
        return n;
    }

    private static ObjectNode endpoint(Endpoint e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("address", e.host());
        n.put("port", e.port());
        return n;
    }

}
