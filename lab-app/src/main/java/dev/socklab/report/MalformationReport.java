package dev.socklab.report;

import dev.socklab.pcap.Malformation;
import dev.socklab.pcap.Malformations;

/**
 * The malformed and truncated packets of a capture in text, one table per group, named as Wireshark's
 * expert info names them and saying whether each still counts in its conversation, so that every
 * difference from Wireshark's conversation statistics is explained in the output.
 */
public final class MalformationReport {

    private MalformationReport() {
    }

    /** Nothing when every header length was plausible. */
    public static String render(Malformations m) {
        StringBuilder s = new StringBuilder();
        for (Malformation.Group g : Malformation.Group.values()) {
            long packets = m.packets(g);
            if (packets == 0) continue;
            s.append(g.label()).append(": ").append(packets).append(packets == 1 ? " packet" : " packets")
                    .append(g == Malformation.Group.MALFORMED ? " (a header length that cannot be right)"
                            : " (a length field runs past the end of the frame)").append('\n');
            Table t = new Table(">packets", ">first frame", "what (the first one)", "counted");
            for (Malformations.Tally x : m.tallies(g)) {
                t.row(x.packets(), x.firstFrame(), x.example(), x.kind().counted() ? "yes" : "no");
            }
            s.append(t.render().lines().map(l -> "  " + l + "\n").reduce("", String::concat));
        }
        if (!s.isEmpty()) {
            s.append("  counted: whether the packet still counts in its TCP connection or UDP flow, as in Wireshark's"
                    + " conversations\n");
        }
        return s.toString();
    }
}
