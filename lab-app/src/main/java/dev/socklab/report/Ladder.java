package dev.socklab.report;

import dev.socklab.pcap.Endpoint;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One conversation (a TCP connection or a UDP flow) as a ladder diagram: a column per host, a row per
 * packet, the middle of a long conversation folded. Every renderer (the text handshake, the SVG) draws this.
 *
 * @param title     e.g. {@code TCP connection 1}
 * @param leftRole  {@code client} or {@code initiator}: the left column
 * @param head      the first packets, in capture order
 * @param fold      the packets between head and tail, counted, when there were too many to draw
 * @param tail      the last packets
 * @param notes     one-line facts for the heading (handshake, teardown, duration)
 */
public record Ladder(String title, String leftRole, Endpoint left, String rightRole, Endpoint right,
                     List<LadderRow> head, Optional<Fold> fold, List<LadderRow> tail,
                     Traffic fromLeft, Traffic fromRight, List<String> notes) {

    public Ladder {
        head = List.copyOf(head);
        tail = List.copyOf(tail);
        notes = List.copyOf(notes);
    }

    /** The drawn rows, head then tail. */
    public List<LadderRow> rows() {
        return Stream.concat(head.stream(), tail.stream()).toList();
    }

    public long packets() {
        return fromLeft.packets() + fromRight.packets();
    }

    public long bytes() {
        return fromLeft.bytes() + fromRight.bytes();
    }
}
