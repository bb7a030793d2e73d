package dev.socklab.check;

import java.util.List;

/**
 * One thing a run did right or wrong, with the evidence.
 *
 * @param id      stable name for machines ({@code handshake}, {@code teardown}, ...)
 * @param title   what is checked, in words
 * @param detail  what was found, one or two sentences
 * @param packets the capture's packet numbers (1-based, as Wireshark numbers them) that prove it
 */
public record Check(String id, String title, Verdict verdict, String detail, List<Long> packets) {

    public Check {
        packets = List.copyOf(packets);
    }

    static Check pass(String id, String title, String detail, Long... packets) {
        return new Check(id, title, Verdict.PASS, detail, List.of(packets));
    }

    static Check fail(String id, String title, String detail, Long... packets) {
        return new Check(id, title, Verdict.FAIL, detail, List.of(packets));
    }

    static Check info(String id, String title, String detail, Long... packets) {
        return new Check(id, title, Verdict.INFO, detail, List.of(packets));
    }

    /** "packets 4, 6-9" for a reader; empty when there is no packet to point at. */
    public String packetText() {
        if (packets.isEmpty()) return "";
        return (packets.size() == 1 ? "packet " : "packets ")
                + String.join(", ", packets.stream().map(String::valueOf).toList());
    }
}
