package dev.socklab.pcap;

import java.time.Instant;

/**
 * One captured frame as stored in the file: its bytes may be fewer than were on the wire
 * (snap length), so sizes must come from the protocol headers, not from {@code data.length}.
 *
 * @param number         1-based position in the capture, as Wireshark numbers frames
 * @param time           capture timestamp, with the file's precision (micro- or nanoseconds)
 * @param linkType       what the bytes start with; per frame because pcapng allows several interfaces
 * @param originalLength the frame's length on the wire
 * @param data           the captured bytes (do not modify)
 * @param interfaceName  the capture point that saw it: the pcapng interface's if_name, "" when unnamed (classic pcap)
 */
public record Frame(long number, Instant time, LinkType linkType, int originalLength, byte[] data, String interfaceName) {

    public Frame(long number, Instant time, LinkType linkType, int originalLength, byte[] data) {
        this(number, time, linkType, originalLength, data, "");
    }

    public int capturedLength() {
        return data.length;
    }

    public boolean isTruncated() {
        return data.length < originalLength;
    }
}
