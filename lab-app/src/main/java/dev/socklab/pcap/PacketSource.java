package dev.socklab.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/**
 * A stream of captured frames read one at a time, so a multi-GiB capture needs constant memory.
 * Each capture file format (classic pcap, pcapng) is one implementation;
 * {@link CaptureReader#open} picks it from the file's magic number.
 */
public interface PacketSource extends Closeable {

    /**
     * The next frame, or empty at the clean end of the capture.
     *
     * @throws TruncatedCaptureException when the file ends inside a record
     * @throws CaptureFormatException    when a record is impossible (corrupt file)
     */
    Optional<Frame> next() throws IOException;

    /**
     * How many frames have been read so far, which is the number of the last one: every frame in
     * the file counts, also one a pcapng reader skips because its interface's link layer is not decoded.
     */
    long framesRead();

    /** A short name for messages: usually the file name. */
    String name();

    /** The link type the file's header gives every frame (classic pcap), before any frame is read; empty for pcapng. */
    default Optional<LinkType> headerLinkType() {
        return Optional.empty();
    }

    /** The capture's statistics about itself read so far (pcapng's interface statistics blocks), in file order. */
    default java.util.List<CaptureStatistics> statistics() {
        return java.util.List.of();
    }
}
