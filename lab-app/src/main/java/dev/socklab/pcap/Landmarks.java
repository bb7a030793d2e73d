package dev.socklab.pcap;

import java.util.OptionalLong;

/**
 * Where one side's part of a connection happened in the capture, by packet number (1-based, as
 * Wireshark numbers them), so a verdict can point at the packets that prove it.
 *
 * @param firstData      the first segment carrying data
 * @param lastData       the last segment carrying data
 * @param firstFin       the first FIN
 * @param firstRst       the first RST
 * @param largestSegment the most data bytes in one segment (0 when none carried data)
 */
public record Landmarks(OptionalLong firstData, OptionalLong lastData, OptionalLong firstFin, OptionalLong firstRst,
                        int largestSegment) {

    /** Nothing seen (yet). */
    public static final Landmarks NONE =
            new Landmarks(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), 0);
}
