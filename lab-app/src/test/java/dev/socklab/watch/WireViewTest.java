package dev.socklab.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socklab.pcap.CaptureReader;
import dev.socklab.pcap.Frame;
import dev.socklab.pcap.PacketDecoder;
import dev.socklab.pcap.PacketSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the live page is told: flows, rows, each packet at every point, thinning of bulk data. */
class WireViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Seen(String point, Frame frame) {
    }

    private static List<JsonNode> view(String[]... points) throws Exception {
        List<Seen> all = new ArrayList<>();
        for (String[] p : points) {
            try (PacketSource s = CaptureReader.open(Path.of(WireViewTest.class.getResource("/pcap/" + p[1]).toURI()))) {
                for (Optional<Frame> f = s.next(); f.isPresent(); f = s.next()) all.add(new Seen(p[0], f.get()));
            }
        }
        all.sort(Comparator.comparing(s -> s.frame().time()));
        List<JsonNode> events = new ArrayList<>();
        WireView view = new WireView(e -> {
            try {
                events.add(JSON.readTree(e));
            } catch (Exception x) {
                throw new AssertionError(x);
            }
        });
        for (Seen s : all) PacketDecoder.decode(s.frame()).ifPresent(p -> view.accept(s.point(), p));
        return events;
    }

    private static List<JsonNode> of(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }

    @Test
    void acrossTheNatOneFlowEachPacketSeenAtBothPointsWithTheirOwnAddressesAndTtl() throws Exception {
        List<JsonNode> events = view(new String[] {"client", "nat-client-side.pcap"}, new String[] {"server", "nat-server-side.pcap"});
        List<JsonNode> flows = of(events, "flow");
        assertEquals(1, flows.size(), events.toString());
        assertEquals("10.24.2.30:50690", flows.getFirst().path("client").asText());
        assertEquals("10.24.2.253:8080", flows.getFirst().path("server").asText());
        List<JsonNode> rows = of(events, "row");
        assertEquals(14, rows.size(), "one row per packet of the connection, not one per copy");
        assertEquals(List.of("SYN", "SYN-ACK", "ACK"), rows.subList(0, 3).stream().map(r -> r.path("label").asText()).toList());
        assertEquals(List.of("→", "←", "→"), rows.subList(0, 3).stream().map(r -> r.path("dir").asText()).toList());
        assertEquals(14, of(events, "seen").size(), "every packet seen at the second point too");
        JsonNode synAtServer = of(events, "seen").stream().filter(e -> e.path("row").asLong() == rows.getFirst().path("row").asLong())
                .findFirst().orElseThrow().path("at");
        assertEquals("server", synAtServer.path("point").asText());
        assertEquals("10.24.3.2:50690", synAtServer.path("src").asText(), "masqueraded");
        assertEquals("10.24.3.15:9898", synAtServer.path("dst").asText(), "forwarded");
        assertEquals(63, synAtServer.path("ttl").asInt());
        assertEquals(64, rows.getFirst().path("at").path("ttl").asInt());
        // The SYN-ACK is first seen beside the server: a row of the same flow, relative numbers as Wireshark's
        JsonNode synAck = rows.get(1);
        assertEquals("server", synAck.path("at").path("point").asText());
        assertEquals(0, synAck.path("seq").asLong());
        assertEquals(1, synAck.path("ack").asLong());
    }

    @Test
    void bulkDataIsThinnedNeverTheHandshakeOrTeardownAndTheNoteSaysSo() throws Exception {
        List<JsonNode> events = view(new String[] {"server", "tcp-lossy.pcap"});
        List<JsonNode> rows = of(events, "row");
        assertTrue(rows.size() < 200, "610 packets thinned to " + rows.size() + " rows");
        long thinned = rows.stream().mapToLong(r -> r.path("thinned").asLong()).sum();
        assertTrue(thinned > 300, "the rows count what they leave out: " + thinned);
        List<String> labels = rows.stream().map(r -> r.path("label").asText()).toList();
        assertEquals(List.of("SYN", "SYN-ACK", "ACK"), labels.subList(0, 3));
        assertEquals(2, labels.stream().filter(l -> l.contains("FIN")).count(), "both FINs drawn: " + labels);
        assertEquals(1, of(events, "note").size());
        assertTrue(of(events, "note").getFirst().path("text").asText().contains("The handshake and the teardown are always drawn"));
    }
}
