package dev.socklab.report;

import dev.socklab.pcap.DirectionStats;
import dev.socklab.pcap.ExpertCounts;
import dev.socklab.pcap.Side;
import dev.socklab.pcap.TcpConnection;

/** One connection's traffic each way, with what Wireshark's expert analysis would flag: the table analyze and summary print. */
public final class TrafficTable {
    private TrafficTable() {
    }

    public static Table of(TcpConnection c) {
        Table t = new Table("direction", ">packets", ">bytes", ">payload bytes", ">by seq space", ">retrans",
                ">dup ACKs", ">zero win", ">out of order");
        for (Side side : Side.values()) {
            DirectionStats d = c.from(side);
            ExpertCounts e = d.expert();
            t.row(side.direction(), d.packets(), d.frameBytes(), d.payloadBytes(), d.sequenceBytes(),
                    e.retransmissions(), e.duplicateAcks(), e.zeroWindows(), e.outOfOrder());
        }
        return t;
    }
}
